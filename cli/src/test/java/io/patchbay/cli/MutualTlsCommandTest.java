package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.transport.http.OpensslCertificates;
import io.patchbay.transport.http.StaticHeadEnd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code device http --tls-*} and the gateway commands' {@code --tls-*}, in this JVM, with
 * certificates that the real openssl made.
 */
@Tag("interop")
class MutualTlsCommandTest {

  private static final Pattern ENDPOINT = Pattern.compile(" at (https?://\\S+)");

  @TempDir Path work;

  @Test
  void updateWithTheGatewayCertificateUpdatesADeviceServingHttps() throws Exception {
    OpensslCertificates ca =
        OpensslCertificates.newCa(work.resolve("tls"), "ca").issueDevice("stb").issueGateway("gw");
    Path artifacts = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(artifacts.resolve("player"), "player 2.0.0");
    CommandRun.buildCatalog(work.resolve("head-end"), "2.0.0");
    StringWriter deviceOut = new StringWriter();
    Thread device =
        new Thread(
            () ->
                Patchbay.commandLine(Patchbay::classPathTransports)
                    .setOut(new PrintWriter(deviceOut, true))
                    .setErr(new PrintWriter(deviceOut, true))
                    .execute(
                        "device",
                        "http",
                        "--dir",
                        work.resolve("stb").toString(),
                        "--tls-cert",
                        ca.certificate("stb").toString(),
                        "--tls-key",
                        ca.key("stb").toString(),
                        "--tls-ca",
                        ca.certificate().toString(),
                        "--insecure"),
            "device");
    device.start();
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(work.resolve("head-end"))) {
      URI endpoint =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> endpoint(deviceOut.toString()), uri -> uri != null);

      CommandRun.Result update =
          CommandRun.run(
              "update",
              "--catalog",
              headEnd.uri("catalog.json"),
              "--client",
              "stb-1=" + endpoint,
              "--tls-cert",
              ca.certificate("gw"),
              "--tls-key",
              ca.key("gw"),
              "--tls-ca",
              ca.certificate(),
              "--allow-unsigned");

      assertThat(endpoint.getScheme()).isEqualTo("https");
      assertThat(update.exitCode()).as(update.output()).isZero();
      assertThat(Files.readString(work.resolve("stb/bin/player"))).isEqualTo("player 2.0.0");
    } finally {
      device.interrupt();
      device.join();
    }
  }

  @Test
  void aCertificateWithoutItsKeyIsAUsageError() {
    CommandRun.Result update =
        CommandRun.run(
            "update",
            "--catalog",
            "http://127.0.0.1:1/catalog.json",
            "--client",
            "https://127.0.0.1:2",
            "--tls-cert",
            work.resolve("gw.pem"),
            "--tls-ca",
            work.resolve("ca.pem"),
            "--allow-unsigned");

    assertThat(update.exitCode()).as(update.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(update.err()).contains("--tls-cert and --tls-key must be given together");
  }

  @Test
  void aDeviceNeedsAllThreeTlsFiles() {
    CommandRun.Result device =
        CommandRun.run(
            "device",
            "http",
            "--dir",
            work.resolve("stb"),
            "--tls-ca",
            work.resolve("ca.pem"),
            "--insecure");

    assertThat(device.exitCode()).as(device.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(device.err()).contains("needs all of --tls-cert, --tls-key and --tls-ca");
  }

  @Test
  void anUnreadableCaFileIsNamed() {
    Path missing = work.resolve("missing-ca.pem");

    CommandRun.Result plan =
        CommandRun.run(
            "plan",
            "--catalog",
            "http://127.0.0.1:1/catalog.json",
            "--client",
            "https://127.0.0.1:2",
            "--tls-ca",
            missing,
            "--allow-unsigned");

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(plan.err()).contains("TLS file " + missing);
  }

  private static URI endpoint(String output) {
    Matcher matcher = ENDPOINT.matcher(output);
    return matcher.find() ? URI.create(matcher.group(1)) : null;
  }
}
