package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay plan} against a real head end and devices on loopback, one of them missing. */
class PlanCommandTest {

  @TempDir Path work;
  private StaticHeadEnd headEnd;
  private HttpDeviceAgent a;
  private HttpDeviceAgent b;
  private String ghost;

  @BeforeEach
  void startHeadEndAndDevices() throws Exception {
    Path published = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(published.resolve("player"), "player 2.0.0");
    CommandRun.buildCatalog(work.resolve("head-end"), "2.0.0");
    // These tests are about planning; the catalog's signature is CatalogFailureExitCodeTest's.
    headEnd = StaticHeadEnd.start(work.resolve("head-end"));
    a = HttpDeviceAgent.builder(work.resolve("a"), DeviceTrust.insecure()).start();
    b = HttpDeviceAgent.builder(work.resolve("b"), DeviceTrust.insecure()).start();
    b.install(
        "bin/player",
        "2.0.0",
        new ByteArrayInputStream("player 2.0.0".getBytes(StandardCharsets.UTF_8)));
    ghost = "tftp://127.0.0.1:" + CommandRun.silentUdpPort();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    headEnd.close();
  }

  @Test
  void plansEveryClientAndNamesTheOneThatCouldNotBePlanned() {
    CommandRun.Result plan =
        CommandRun.run(
            "plan",
            "--allow-unsigned",
            "--catalog",
            headEnd.uri("catalog.json"),
            "--client",
            "a=" + a.endpoint(),
            "--client",
            "ghost=" + ghost,
            "--client",
            "b=" + b.endpoint());

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.FAILURES);
    String out = plan.out();
    assertThat(out)
        .contains(
            "Plan for a",
            "Plan for ghost (" + ghost + ") failed: ",
            "Plan for b",
            "2 clients planned, 1 failed");
    assertThat(out.indexOf("Plan for a")).isLessThan(out.indexOf("Plan for ghost"));
    assertThat(out.indexOf("Plan for ghost")).isLessThan(out.indexOf("Plan for b"));
    assertThat(out)
        .containsPattern(
            "Plan for ghost \\(\\S+\\) failed: No .* from TFTP peer \\S*127\\.0\\.0\\.1:"
                + ghost.substring(ghost.lastIndexOf(':') + 1));
    assertThat(out.substring(out.indexOf("Plan for b"))).contains("bin/player", "UP_TO_DATE");
    assertThat(out.substring(out.indexOf("Plan for a"), out.indexOf("Plan for ghost")))
        .contains("bin/player", "INSTALL");
  }

  @Test
  void inJsonTheClientThatCouldNotBePlannedIsADocumentWithItsError() {
    CommandRun.Result plan =
        CommandRun.run(
            "plan",
            "--allow-unsigned",
            "--json",
            "--catalog",
            headEnd.uri("catalog.json"),
            "--client",
            "ghost=" + ghost,
            "--client",
            "b=" + b.endpoint());

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.FAILURES);
    assertThat(plan.out())
        .contains(
            "\"client\" : \"ghost\"",
            "\"endpoint\" : \"" + ghost + "\"",
            "\"error\" : \"TftpTimeoutException: No ",
            "\"client\" : \"b\"",
            "\"action\" : \"UP_TO_DATE\"");
  }

  @Test
  void everyClientPlannedIsExitZero() {
    CommandRun.Result plan =
        CommandRun.run(
            "plan",
            "--allow-unsigned",
            "--catalog",
            headEnd.uri("catalog.json"),
            "--client",
            "a=" + a.endpoint(),
            "--client",
            "b=" + b.endpoint());

    assertThat(plan.exitCode()).as(plan.output()).isZero();
    assertThat(plan.out()).contains("2 clients planned, 0 failed");
    assertThat(a.manifest().files()).isEmpty();
  }
}
