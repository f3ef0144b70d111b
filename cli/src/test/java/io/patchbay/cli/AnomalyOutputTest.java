package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device reporting a version the head end never published (an anomaly) is shown by {@code plan}
 * and {@code update}, in tables and in JSON, and gives its own exit code; its other files are still
 * updated. Against a real head end and device on loopback.
 */
class AnomalyOutputTest {

  @TempDir Path work;
  private StaticHeadEnd headEnd;
  private HttpDeviceAgent odd;

  @BeforeEach
  void startHeadEndAndADeviceAheadOfIt() throws Exception {
    Path published = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(published.resolve("player"), "player 2.0.0");
    Files.writeString(published.resolve("ui"), "ui 2.0.0");
    CommandRun.buildCatalog(work.resolve("head-end"), "2.0.0");
    headEnd = StaticHeadEnd.start(work.resolve("head-end"));
    odd = HttpDeviceAgent.builder(work.resolve("odd"), DeviceTrust.insecure()).start();
    odd.install(
        "bin/player",
        "9.0.0",
        new ByteArrayInputStream("player 9.0.0".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterEach
  void stop() {
    odd.close();
    headEnd.close();
  }

  private CommandRun.Result gateway(String command, Object... more) {
    return CommandRun.run(
        CommandRun.concat(
            List.of(
                command,
                "--allow-unsigned",
                "--catalog",
                headEnd.uri("catalog.json"),
                "--client",
                "odd=" + odd.endpoint()),
            more));
  }

  @Test
  void updateNamesTheAnomalyInItsTableUpdatesTheOtherFilesAndExitsWithItsCode() {
    CommandRun.Result update = gateway("update");

    assertThat(update.exitCode()).as(update.output()).isEqualTo(ExitCodes.ANOMALIES);
    assertThat(update.out())
        .containsPattern("odd .* 1/1 .*anomaly: bin/player 9\\.0\\.0, catalog 2\\.0\\.0")
        .contains("1 clients, 0 failed, 1 with anomalies");
    assertThat(update.out()).doesNotContainPattern("odd .* ok\\R");
    assertThat(odd.manifest().files().get("bin/ui").version()).isEqualTo("2.0.0");
    assertThat(odd.manifest().files().get("bin/player").version()).isEqualTo("9.0.0");
  }

  @Test
  void updateCountsTheAnomalyInItsJson() {
    CommandRun.Result update = gateway("update", "--json");

    assertThat(update.exitCode()).as(update.output()).isEqualTo(ExitCodes.ANOMALIES);
    assertThat(update.out())
        .contains(
            "\"succeeded\" : true",
            "\"clientsWithAnomalies\" : 1",
            "\"anomalies\" : 1",
            "\"action\" : \"ANOMALY\"",
            "\"fromVersion\" : \"9.0.0\"");
  }

  @Test
  void planShowsTheAnomalyInItsTableAndJsonWithTheSameExitCode() {
    CommandRun.Result table = gateway("plan");
    CommandRun.Result json = gateway("plan", "--json");

    assertThat(table.exitCode()).as(table.output()).isEqualTo(ExitCodes.ANOMALIES);
    assertThat(table.out())
        .containsPattern("bin/player +ANOMALY +9\\.0\\.0 +2\\.0\\.0 +client's version is newer")
        .contains("1 clients planned, 0 failed, 1 with anomalies");
    assertThat(json.exitCode()).as(json.output()).isEqualTo(ExitCodes.ANOMALIES);
    assertThat(json.out()).contains("\"anomalies\" : 1", "\"action\" : \"ANOMALY\"");
    assertThat(odd.manifest().files()).doesNotContainKey("bin/ui");
  }

  @Test
  void aFailedClientTakesPrecedenceOverAnAnomalyInTheExitCode() throws Exception {
    String ghost = "http://127.0.0.1:" + CommandRun.closedTcpPort();

    CommandRun.Result plan = gateway("plan", "--client", "ghost=" + ghost);

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.FAILURES);
    assertThat(plan.out()).contains("1 clients planned, 1 failed, 1 with anomalies");
  }
}
