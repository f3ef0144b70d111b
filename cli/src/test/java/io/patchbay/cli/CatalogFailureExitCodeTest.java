package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One behaviour for every command: a catalog that cannot be fetched, is invalid, or is refused by
 * the trusted keys means the command could not run, exit 3, with one error naming the catalog. A
 * run that finished with some clients failed is exit 1.
 */
class CatalogFailureExitCodeTest {

  @TempDir Path work;
  private StaticHeadEnd headEnd;
  private HttpDeviceAgent device;
  private Path catalog;
  private Path operatorKey;
  private Path strangerKey;

  @BeforeEach
  void publishASignedCatalog() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player 2.0.0");
    CommandRun.buildCatalog(
        work.resolve("head-end"), "2.0.0", "--expires-in", "P1D", "--repository", "lab");
    catalog = work.resolve("head-end/catalog.json");
    assertThat(
            CommandRun.run("catalog", "keygen", "--out", work.resolve("keys"), "--name", "operator")
                .exitCode())
        .isZero();
    assertThat(
            CommandRun.run("catalog", "keygen", "--out", work.resolve("keys"), "--name", "stranger")
                .exitCode())
        .isZero();
    operatorKey = work.resolve("keys/operator.pub");
    strangerKey = work.resolve("keys/stranger.pub");
    assertThat(
            CommandRun.run("catalog", "sign", catalog, "--key", work.resolve("keys/operator.key"))
                .exitCode())
        .isZero();
    headEnd = StaticHeadEnd.start(work.resolve("head-end"));
    device = HttpDeviceAgent.builder(work.resolve("stb"), DeviceTrust.insecure()).start();
  }

  @AfterEach
  void stop() {
    device.close();
    headEnd.close();
  }

  /**
   * {@code command} against the device; verifying with {@code more}'s {@code --trust} key for
   * repository "lab" if it has one, else allowing an unsigned catalog, so each test is about its
   * catalog's failure and not about the missing options.
   */
  private CommandRun.Result gatewayCommand(String command, URI catalogUri, Object... more) {
    List<Object> args =
        new ArrayList<>(
            List.of(command, "--catalog", catalogUri, "--client", "stb=" + device.endpoint()));
    args.addAll(List.of(more));
    if (args.contains("--trust")) {
      args.addAll(List.of("--repository", "lab", "--state-dir", work.resolve("state")));
    } else {
      args.add("--allow-unsigned");
    }
    return CommandRun.run(args.toArray());
  }

  private CommandRun.Result verify(Path trusted) {
    return CommandRun.run(
        "catalog",
        "verify",
        catalog,
        "--trust",
        trusted,
        "--repository",
        "lab",
        "--state-dir",
        work.resolve("verify-state"));
  }

  private static void assertCouldNotRun(CommandRun.Result run, String... named) {
    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).startsWith("patchbay: ").contains(named).doesNotContain("null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "update"})
  void anUnreachableCatalogMeansTheCommandCouldNotRun(String command) throws Exception {
    URI nowhere = URI.create("http://127.0.0.1:" + CommandRun.closedTcpPort() + "/catalog.json");

    CommandRun.Result run = gatewayCommand(command, nowhere);

    assertCouldNotRun(run, "Cannot use the catalog", "Cannot connect to " + nowhere);
    assertThat(run.out()).doesNotContain("failed at");
    assertThat(device.manifest().files()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "update"})
  void anInvalidCatalogMeansTheCommandCouldNotRun(String command) throws Exception {
    Files.writeString(catalog, "{\"schemaVersion\": 1, \"serial\": -1, \"files\": []}");

    CommandRun.Result run = gatewayCommand(command, headEnd.uri("catalog.json"));

    assertCouldNotRun(run, headEnd.uri("catalog.json") + ": line 1", "serial");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "update"})
  void aCatalogTheTrustedKeysRefuseMeansTheCommandCouldNotRun(String command) {
    CommandRun.Result run =
        gatewayCommand(command, headEnd.uri("catalog.json"), "--trust", strangerKey);

    assertCouldNotRun(
        run, "Catalog statement from " + headEnd.uri("catalog.json") + " rejected (UNKNOWN_KEYS)");
    assertThat(device.manifest().files()).isEmpty();
  }

  @Test
  void verifyOfACatalogMadeInvalidAfterSigningCouldNotRun() throws Exception {
    // An invalid catalog cannot be signed any more (its statement needs its entries), so the
    // signatures on file are for the valid one it was.
    Files.writeString(
        catalog, Files.readString(catalog).replace("\"serial\"", "\"serial\":-1,\"x\""));

    CommandRun.Result verify = verify(operatorKey);

    assertCouldNotRun(verify, catalog.toUri().toString(), "is not the one its statement signs");
  }

  @Test
  void verifyOfASignedCatalogWithVersionsGatewaysRefuseCouldNotRun() throws Exception {
    Files.writeString(catalog, Files.readString(catalog).replace("\"2.0.0\"", "\"02.0.0\""));
    CommandRun.run("catalog", "sign", catalog, "--key", work.resolve("keys/operator.key"));

    CommandRun.Result verify = verify(operatorKey);

    assertCouldNotRun(
        verify, "Catalog " + catalog + " has 1 problem", "\"02.0.0\" of file \"bin/player\"");
  }

  @Test
  void verifyOfACatalogTheTrustedKeysRefuseCouldNotRun() {
    CommandRun.Result verify = verify(strangerKey);

    assertCouldNotRun(verify, "rejected (UNKNOWN_KEYS)");
  }

  @Test
  void verifyOfAMissingCatalogCouldNotRun() {
    Path missing = work.resolve("missing.json");

    CommandRun.Result verify = CommandRun.run("catalog", "verify", missing, "--trust", operatorKey);

    assertCouldNotRun(verify, missing + ".sig: no such file or directory");
  }

  @Test
  void aTrustedCatalogVerifiesAndUpdatesWithExitZero() {
    CommandRun.Result verify = verify(operatorKey);
    CommandRun.Result update =
        gatewayCommand("update", headEnd.uri("catalog.json"), "--trust", operatorKey);

    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(update.exitCode()).as(update.output()).isZero();
    assertThat(device.manifest().files()).containsKey("bin/player");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "update"})
  void aRunThatFinishedWithAClientFailedIsExitOne(String command) throws Exception {
    String ghost = "ghost=http://127.0.0.1:" + CommandRun.closedTcpPort();

    CommandRun.Result run = gatewayCommand(command, headEnd.uri("catalog.json"), "--client", ghost);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FAILURES);
    assertThat(run.out()).contains("ghost", "Cannot connect to http://127.0.0.1:");
  }
}
