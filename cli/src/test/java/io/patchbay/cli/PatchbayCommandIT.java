package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("CLIENT", "stb-1", "stb-3", "tftp-stb-2", "5 clients, 0 failed", "3 artifacts");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "tftp"})
  void planThenUpdateAgainstAHeadEndAndADeviceEachInTheirOwnProcess(String protocol)
      throws Exception {
    Path artifacts = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(artifacts.resolve("player"), "player 2.0.0");
    Files.writeString(work.resolve("versions.txt"), "bin/player 2.0.0\n");
    PatchbayJar.Run build =
        PatchbayJar.run(
            work,
            "catalog",
            "build",
            work.resolve("head-end").toString(),
            "--versions",
            work.resolve("versions.txt").toString());
    assertThat(build.exitCode()).as(build.output()).isZero();

    try (PatchbayJar.Server headEnd =
            PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device", protocol, "--dir", work.resolve("stb").toString(), "--insecure")) {
      String catalog = headEnd.url() + "catalog.json";
      String client = "stb-1=" + device.url();

      PatchbayJar.Run plan =
          PatchbayJar.run(work, "plan", "--catalog", catalog, "--client", client);
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
              work.resolve("cache").toString());
      PatchbayJar.Run again =
          PatchbayJar.run(work, "plan", "--catalog", catalog, "--client", client, "--json");

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
    Path headEndDir = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(headEndDir.resolve("player"), "player 2.0.0");
    Path catalog = work.resolve("head-end/catalog.json");
    PatchbayJar.Run keygen =
        PatchbayJar.run(work, "catalog", "keygen", "--out", work.resolve("keys").toString());
    PatchbayJar.Run build =
        PatchbayJar.run(
            work,
            "catalog",
            "build",
            work.resolve("head-end").toString(),
            "--version",
            "2.0.0",
            "--expires-in",
            "P7D");
    PatchbayJar.Run sign =
        PatchbayJar.run(
            work,
            "catalog",
            "sign",
            catalog.toString(),
            "--key",
            work.resolve("keys/catalog-signing.key").toString());
    String trust = work.resolve("keys/catalog-signing.pub").toString();
    PatchbayJar.Run verify =
        PatchbayJar.run(work, "catalog", "verify", catalog.toString(), "--trust", trust);
    assertThat(keygen.exitCode()).as(keygen.output()).isZero();
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("is trusted: serial");

    Files.writeString(catalog, Files.readString(catalog).replace("2.0.0", "2.0.1"));
    PatchbayJar.Run tamperedVerify =
        PatchbayJar.run(work, "catalog", "verify", catalog.toString(), "--trust", trust);
    try (PatchbayJar.Server headEnd =
            PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device", "http", "--dir", work.resolve("stb").toString(), "--insecure")) {
      PatchbayJar.Run update =
          PatchbayJar.run(
              work,
              "update",
              "--catalog",
              headEnd.url() + "catalog.json",
              "--client",
              "stb-1=" + device.url(),
              "--trust",
              trust);

      assertThat(tamperedVerify.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(tamperedVerify.output()).contains("rejected (TAMPERED)");
      assertThat(update.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(update.output()).contains("Cannot use the catalog", "rejected (TAMPERED)");
      assertThat(work.resolve("stb/bin/player")).doesNotExist();
    }
  }

  @Test
  void aTrustingDeviceRefusesARawPushAndTakesTheUpdateTheOperatorSigned() throws Exception {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player 2.0.0");
    Path catalog = work.resolve("head-end/catalog.json");
    PatchbayJar.Run keygen =
        PatchbayJar.run(work, "catalog", "keygen", "--out", work.resolve("keys").toString());
    PatchbayJar.Run build =
        PatchbayJar.run(
            work,
            "catalog",
            "build",
            work.resolve("head-end").toString(),
            "--version",
            "2.0.0",
            "--repository",
            "lab",
            "--expires-in",
            "P7D");
    PatchbayJar.Run sign =
        PatchbayJar.run(
            work,
            "catalog",
            "sign",
            catalog.toString(),
            "--key",
            work.resolve("keys/catalog-signing.key").toString());
    assertThat(keygen.exitCode()).as(keygen.output()).isZero();
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    String trust = work.resolve("keys/catalog-signing.pub").toString();

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
            "http://127.0.0.1:9");
    PatchbayJar.Run usage = PatchbayJar.run(work, "update", "--no-such-option");

    assertThat(noCatalog.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(noCatalog.output())
        .isEqualTo(
            "patchbay: Cannot use the catalog: Cannot connect to http://127.0.0.1:9/catalog.json"
                + System.lineSeparator());
    assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.output()).contains("Usage: patchbay update");
  }
}
