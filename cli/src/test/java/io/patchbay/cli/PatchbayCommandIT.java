package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built jar, run as a user runs it, against a head end and devices it runs itself. */
class PatchbayCommandIT {

  @TempDir Path work;

  @Test
  void demoUpdatesItsSimulatedFleetAndPrintsATable() throws Exception {
    PatchbayJar.Run demo =
        PatchbayJar.run(
            work, "demo", "--clients", "3", "--tftp-clients", "2", "--artifact-size", "256k");

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output())
        .contains("CLIENT", "stb-1", "stb-3", "tftp-stb-2", "5 clients, 0 failed", "3 artifacts")
        .contains("3 HTTPS (mutual TLS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "tftp"})
  void planThenUpdateAgainstAHeadEndAndADeviceEachInTheirOwnProcess(String protocol)
      throws Exception {
    Path artifacts = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(artifacts.resolve("player"), "player 2.0.0");
    PatchbayJar.buildCatalog(work, work.resolve("head-end"), "bin/player 2.0.0\n");

    try (PatchbayJar.Server headEnd =
            PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device", protocol, "--dir", work.resolve("stb").toString(), "--insecure")) {
      String catalog = headEnd.url() + "catalog.json";
      String client = "stb-1=" + device.url();

      PatchbayJar.Run plan =
          PatchbayJar.run(
              work, "plan", "--catalog", catalog, "--client", client, "--allow-unsigned");
      PatchbayJar.Run update =
          PatchbayJar.run(
              work,
              "update",
              "--catalog",
              catalog,
              "--client",
              client,
              "--report",
              work.resolve("report.json").toString(),
              "--cache",
              work.resolve("cache").toString(),
              "--allow-unsigned");
      PatchbayJar.Run again =
          PatchbayJar.run(
              work, "plan", "--catalog", catalog, "--client", client, "--json", "--allow-unsigned");

      assertThat(plan.exitCode()).as(plan.output()).isZero();
      assertThat(plan.output()).contains("bin/player", "INSTALL");
      assertThat(update.exitCode()).as(update.output()).isZero();
      assertThat(update.output()).contains("1 clients, 0 failed");
      assertThat(Files.readString(work.resolve("stb/bin/player"))).isEqualTo("player 2.0.0");
      assertThat(Files.readString(work.resolve("report.json"))).contains("\"succeeded\" : true");
      assertThat(again.output()).contains("\"action\" : \"UP_TO_DATE\"");
    }
  }

  @Test
  void aSignedCatalogIsVerifiedAndATamperedOneUpdatesNoClient() throws Exception {
    String trust = publishSignedPlayer();
    Path catalog = work.resolve("head-end/catalog.json");
    String[] trusting = {
      "--trust", trust, "--repository", "lab", "--state-dir", work.resolve("state").toString()
    };
    PatchbayJar.Run verify =
        PatchbayJar.run(work, concat(List.of("catalog", "verify", catalog.toString()), trusting));
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("is trusted: serial");

    Files.writeString(catalog, Files.readString(catalog).replace("2.0.0", "2.0.1"));
    PatchbayJar.Run tamperedVerify =
        PatchbayJar.run(work, concat(List.of("catalog", "verify", catalog.toString()), trusting));
    try (PatchbayJar.Server headEnd =
            PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device", "http", "--dir", work.resolve("stb").toString(), "--insecure")) {
      PatchbayJar.Run update =
          PatchbayJar.run(
              work,
              concat(
                  List.of(
                      "update",
                      "--catalog",
                      headEnd.url() + "catalog.json",
                      "--client",
                      "stb-1=" + device.url()),
                  trusting));

      assertThat(tamperedVerify.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(tamperedVerify.output()).contains("is not the one its statement signs");
      assertThat(update.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(update.output())
          .contains("Cannot use the catalog", "is not the one its statement signs");
      assertThat(work.resolve("stb/bin/player")).doesNotExist();
    }
  }

  @Test
  void anUnsignedCatalogIsRefusedWithoutAllowUnsignedAndNoClientIsContacted() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player 2.0.0");
    PatchbayJar.Run build =
        PatchbayJar.run(
            work, "catalog", "build", work.resolve("head-end").toString(), "--version", "2.0.0");
    assertThat(build.exitCode()).as(build.output()).isZero();
    Files.createDirectories(work.resolve("stb/bin"));
    Files.writeString(work.resolve("stb/bin/player"), "player 1.0.0");
    try (PatchbayJar.Server headEnd =
            PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device", "http", "--dir", work.resolve("stb").toString(), "--insecure");
        // A client that only counts connections: a gateway that contacted it leaves one pending.
        ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      listener.configureBlocking(false);
      String[] update = {
        "update",
        "--catalog",
        headEnd.url() + "catalog.json",
        "--client",
        "stb-1=" + device.url(),
        "--client",
        "stb-2=http://127.0.0.1:" + listener.socket().getLocalPort()
      };

      PatchbayJar.Run refused = PatchbayJar.run(work, update);

      assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCodes.ERROR);
      assertThat(refused.output().lines())
          .singleElement()
          .asString()
          .startsWith("patchbay: Refusing an unsigned catalog")
          .contains("--trust", "--allow-unsigned");
      assertThat(listener.accept()).as("a connection to the listening client").isNull();
      assertThat(Files.readString(work.resolve("stb/bin/player"))).isEqualTo("player 1.0.0");
    }
  }

  /**
   * Publishes {@code bin/player} 2.0.0 in {@code work/head-end}, with a catalog for the repository
   * {@code lab} that expires in a week, signed with a new key in {@code work/keys}; returns the
   * key's public half.
   */
  private String publishSignedPlayer() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player 2.0.0");
    PatchbayJar.Run keygen =
        PatchbayJar.run(work, "catalog", "keygen", "--out", work.resolve("keys").toString());
    assertThat(keygen.exitCode()).as(keygen.output()).isZero();
    PatchbayJar.Run build =
        PatchbayJar.run(
            work,
            "catalog",
            "build",
            work.resolve("head-end").toString(),
            "--version",
            "2.0.0",
            "--expires-in",
            "P7D",
            "--repository",
            "lab");
    assertThat(build.exitCode()).as(build.output()).isZero();
    PatchbayJar.Run sign =
        PatchbayJar.run(
            work,
            "catalog",
            "sign",
            work.resolve("head-end/catalog.json").toString(),
            "--key",
            work.resolve("keys/catalog-signing.key").toString());
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    return work.resolve("keys/catalog-signing.pub").toString();
  }

  private static String[] concat(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void aTrustingDeviceRefusesARawPushAndTakesTheUpdateTheOperatorSigned() throws Exception {
    String trust = publishSignedPlayer();

    try (PatchbayJar.Server headEnd =
            PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device",
                "http",
                "--dir",
                work.resolve("stb").toString(),
                "--trust",
                trust,
                "--repository",
                "lab")) {
      var push =
          DeviceTrustCommandTest.rawPush(
              URI.create(device.url()), "evil".getBytes(StandardCharsets.UTF_8));
      PatchbayJar.Run update =
          PatchbayJar.run(
              work,
              "update",
              "--catalog",
              headEnd.url() + "catalog.json",
              "--client",
              "stb-1=" + device.url(),
              "--trust",
              trust,
              "--repository",
              "lab",
              "--state-dir",
              work.resolve("gateway-state").toString());

      assertThat(push.statusCode()).isEqualTo(403);
      assertThat(push.body()).contains("\"refusal\":\"UNSIGNED\"");
      assertThat(update.exitCode()).as(update.output()).isZero();
      assertThat(update.output()).contains("1 clients, 0 failed");
      assertThat(Files.readString(work.resolve("stb/bin/player"))).isEqualTo("player 2.0.0");
    }
  }

  @Test
  void anUnreachableCatalogIsExitThreeAndAWrongCommandLineExitTwoEachWithOneErrorLine()
      throws Exception {
    PatchbayJar.Run noCatalog =
        PatchbayJar.run(
            work,
            "update",
            "--catalog",
            "http://127.0.0.1:9/catalog.json",
            "--client",
            "http://127.0.0.1:9",
            "--allow-unsigned");
    PatchbayJar.Run usage = PatchbayJar.run(work, "update", "--no-such-option");

    assertThat(noCatalog.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(noCatalog.output())
        .isEqualTo(
            "patchbay: Cannot use the catalog: Cannot connect to http://127.0.0.1:9/catalog.json"
                + ": Connection refused"
                + System.lineSeparator());
    assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.output()).contains("Usage: patchbay update");
  }
}
