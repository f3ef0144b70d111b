package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error the command prints names the URL or file, and says what was wrong with it. */
class ErrorMessagesTest {

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"plan", "update"})
  void anUnreachableHeadEndIsNamedByItsUrl(String command) throws Exception {
    URI nowhere =
        URI.create("http://127.0.0.1:" + CommandRun.closedTcpPort() + "/patchbay/catalog.json");

    CommandRun.Result run =
        CommandRun.run(
            command,
            "--catalog",
            nowhere,
            "--client",
            "stb=http://127.0.0.1:1",
            "--allow-unsigned");

    assertThat(run.err())
        .as(run.output())
        .isEqualTo(
            "patchbay: Cannot use the catalog: Cannot connect to "
                + nowhere
                // The socket's own reason, since plain http goes on a blocking socket.
                + ": Connection refused"
                + System.lineSeparator());
  }

  @Test
  void anUnreachableClientIsNamedWithTheUrlTheGatewayTried() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player");
    CommandRun.buildCatalog(work.resolve("head-end"), "2.0.0");
    int port = CommandRun.closedTcpPort();
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(work.resolve("head-end"))) {
      CommandRun.Result update =
          CommandRun.run(
              "update",
              "--catalog",
              headEnd.uri("catalog.json"),
              "--client",
              "ghost=http://127.0.0.1:" + port,
              "--allow-unsigned");

      assertThat(update.out())
          .as(update.output())
          .contains(
              "ghost: failed at interrogate: Cannot connect to http://127.0.0.1:"
                  + port
                  + "/patchbay/v1/manifest");
    }
  }

  @Test
  void aGarbageSignatureFileIsNamedWhenVerifying() throws Exception {
    Path catalog = Files.writeString(work.resolve("catalog.json"), "{}");
    Files.writeString(work.resolve("catalog.json.sig"), "garbage");
    CommandRun.run("catalog", "keygen", "--out", work);

    CommandRun.Result verify =
        CommandRun.run(
            "catalog", "verify", catalog, "--trust", work.resolve("catalog-signing.pub"));

    assertThat(verify.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(verify.err())
        .as(verify.output())
        .startsWith("patchbay: " + catalog + ".sig: line 1, column 1");
  }

  /** A catalog that can be signed: built for a repository. */
  private Path signableCatalog() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player");
    CommandRun.buildCatalog(work.resolve("head-end"), "2.0.0", "--repository", "lab");
    return work.resolve("head-end/catalog.json");
  }

  @Test
  void aGarbageSignatureFileIsNamedWhenSigning() throws Exception {
    Path catalog = signableCatalog();
    Files.writeString(Path.of(catalog + ".sig"), "garbage");
    CommandRun.run("catalog", "keygen", "--out", work);

    CommandRun.Result sign =
        CommandRun.run("catalog", "sign", catalog, "--key", work.resolve("catalog-signing.key"));

    assertThat(sign.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(sign.err())
        .as(sign.output())
        .startsWith("patchbay: " + catalog + ".sig: line 1, column 1");
  }

  @Test
  void aGarbageSignatureFileOnTheHeadEndIsNamedByItsUrl() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player");
    CommandRun.buildCatalog(
        work.resolve("head-end"), "2.0.0", "--expires-in", "P1D", "--repository", "lab");
    Files.writeString(work.resolve("head-end/catalog.json.sig"), "garbage");
    CommandRun.run("catalog", "keygen", "--out", work);
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(work.resolve("head-end"));
        HttpDeviceAgent device =
            HttpDeviceAgent.builder(work.resolve("stb"), DeviceTrust.insecure()).start()) {
      CommandRun.Result update =
          CommandRun.run(
              "update",
              "--catalog",
              headEnd.uri("catalog.json"),
              "--client",
              "stb=" + device.endpoint(),
              "--trust",
              work.resolve("catalog-signing.pub"),
              "--repository",
              "lab",
              "--state-dir",
              work.resolve("state"));

      assertThat(update.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(update.err())
          .as(update.output())
          .startsWith(
              "patchbay: Cannot use the catalog: "
                  + headEnd.uri("catalog.json")
                  + ".sig: line 1, column 1");
    }
  }

  @Test
  void signingAMissingCatalogSaysTheFileIsMissing() {
    CommandRun.run("catalog", "keygen", "--out", work);
    Path missing = work.resolve("missing.json");

    CommandRun.Result sign =
        CommandRun.run("catalog", "sign", missing, "--key", work.resolve("catalog-signing.key"));

    assertThat(sign.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(sign.err())
        .isEqualTo("patchbay: " + missing + ": no such file or directory" + System.lineSeparator());
  }

  @Test
  void signingWithAMissingKeySaysTheKeyFileIsMissing() throws Exception {
    Path catalog = signableCatalog();
    Path key = work.resolve("nokey.key");

    CommandRun.Result sign = CommandRun.run("catalog", "sign", catalog, "--key", key);

    assertThat(sign.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(sign.err()).contains(key.toString(), "no such file");
  }
}
