package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.transport.http.StaticHeadEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay device tftp} in this JVM: it starts only when told what to trust, and a device
 * that trusts the operator's key installs what a trusting gateway sends, and nothing unsigned.
 */
class DeviceTftpCommandTest {

  private static final Pattern ENDPOINT = Pattern.compile("at (tftp://\\S+)");
  private static final String REPOSITORY = "acme-prod";

  @TempDir Path work;

  @Test
  void aDeviceTrustingNobodyRefusesToStart() {
    CommandRun.Result bare = CommandRun.run("device", "tftp", "--dir", work.resolve("stb"));
    CommandRun.Result noRepository =
        CommandRun.run(
            "device", "tftp", "--dir", work.resolve("stb"), "--trust", work.resolve("op.pub"));

    // A usage error: the first line says why, the usage with the trust options follows.
    assertThat(bare.exitCode()).as(bare.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(bare.err())
        .startsWith(
            "Refusing to start a device that would install anything: give the operator's keys"
                + " with --trust PUBFILE --repository ID, or --insecure for a lab"
                + System.lineSeparator())
        .contains("--insecure", "--trust=PUBFILE");
    assertThat(bare.out()).isEmpty();
    assertThat(noRepository.exitCode()).as(noRepository.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(noRepository.err()).startsWith("--trust needs --repository ID");
  }

  @Test
  void aTrustingDeviceRefusesAnUnsignedUpdateAndInstallsASignedOne() throws Exception {
    Path keys = work.resolve("keys");
    assertThat(CommandRun.run("catalog", "keygen", "--out", keys).exitCode()).isZero();
    Path pub = keys.resolve("catalog-signing.pub");
    Path published = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(published.resolve("player"), "player 2.0.0");
    CommandRun.buildCatalog(
        work.resolve("head-end"), "2.0.0", "--repository", REPOSITORY, "--expires-in", "P7D");
    CommandRun.Result sign =
        CommandRun.run(
            "catalog",
            "sign",
            work.resolve("head-end/catalog.json"),
            "--key",
            keys.resolve("catalog-signing.key"));
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    Path stb = work.resolve("stb");

    try (StaticHeadEnd headEnd = StaticHeadEnd.start(work.resolve("head-end"));
        CommandRun.Running device =
            CommandRun.start(
                "device", "tftp", "--dir", stb, "--trust", pub, "--repository", REPOSITORY)) {
      String client = "stb-1=" + device.await(ENDPOINT).group(1);
      CommandRun.Result unsigned =
          CommandRun.patiently(
              "update",
              "--catalog",
              headEnd.uri("catalog.json"),
              "--client",
              client,
              "--allow-unsigned");

      assertThat(unsigned.exitCode()).as(unsigned.output()).isEqualTo(ExitCodes.FAILURES);
      assertThat(unsigned.output()).contains("untrusted (UNSIGNED)");
      assertThat(stb.resolve("bin/player")).doesNotExist();

      CommandRun.Result signed =
          CommandRun.patiently(
              "update",
              "--catalog",
              headEnd.uri("catalog.json"),
              "--client",
              client,
              "--trust",
              pub,
              "--repository",
              REPOSITORY,
              "--state-dir",
              work.resolve("gateway-state"));

      assertThat(signed.exitCode()).as(signed.output() + device.output()).isZero();
      assertThat(signed.out()).contains("1 clients, 0 failed");
      assertThat(Files.readString(stb.resolve("bin/player"))).isEqualTo("player 2.0.0");
      assertThat(stb.resolve(".patchbay/trust/" + REPOSITORY + ".accepted.json")).exists();
    }
  }
}
