package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.ProcessPeer;
import io.patchbay.transport.http.Nginx;
import io.patchbay.transport.mender.MenderDevice;
import io.patchbay.transport.mender.MenderHeadEnd;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay update} with {@code mender://} clients and the device API's options. */
class MenderUpdateCommandTest {

  @TempDir Path home;

  @Test
  void theDeviceApiNeedsAnAdmission() throws IOException {
    CommandRun.Result result = update("--mender-listen", "127.0.0.1:" + ProcessPeer.freeTcpPort());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--mender-device ID... or --mender-accept-all");
  }

  @Test
  void admissionOptionsNeedTheDeviceApi() {
    CommandRun.Result result = update("--mender-accept-all");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("need --mender-listen");
  }

  @Test
  void theDeviceApiListensOnAnIpAddressAndPort() {
    CommandRun.Result result = update("--mender-listen", "gateway.lan:8490", "--mender-accept-all");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("gateway.lan:8490 is not an IP-address:port");
  }

  @Test
  @Tag("interop")
  void aMenderDeviceThatNeverPollsFailsTheRunNamingTheDevice() throws IOException {
    byte[] artifact = "not offered".getBytes(StandardCharsets.UTF_8);
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "")) {
      try (OutputStream out = Files.newOutputStream(headEnd.www().resolve("catalog.json"))) {
        CatalogJson.write(
            Catalog.of(
                1,
                CatalogEntry.of(
                    "epg-app",
                    "4.1.0",
                    sha256(artifact),
                    artifact.length,
                    URI.create("epg-app-4.1.0.mender"))),
            out);
      }

      CommandRun.Result result =
          CommandRun.run(
              "update",
              "--allow-unsigned",
              "--catalog",
              headEnd.uri("/catalog.json"),
              "--client",
              "stb-7=mender://02:00:00:00:00:07",
              "--mender-listen",
              "127.0.0.1:" + ProcessPeer.freeTcpPort(),
              "--mender-device",
              "02:00:00:00:00:07",
              "--mender-poll-timeout",
              "PT0.5S");

      assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.FAILURES);
      assertThat(result.output()).contains("02:00:00:00:00:07").contains("did not poll");
    }
  }

  @Test
  @Tag("interop")
  void aRealMenderDeviceIsUpdatedAndConfirmedByPatchbayUpdate() throws IOException {
    Path installs = Files.createDirectories(home.resolve("installs"));
    Path payload = Files.writeString(home.resolve("epg-app.bin"), "epg-app 4.1.0\n");
    Path artifact = MenderHeadEnd.singleFileArtifact(home, "epg-app", "4.1.0", payload, installs);
    String mac = "02:00:00:00:00:08";
    int port = ProcessPeer.freeTcpPort();
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "");
        MenderDevice device =
            MenderDevice.start(
                home.resolve("device"),
                MenderDevice.withMac(mac).installsInto(installs),
                URI.create("http://127.0.0.1:" + port))) {
      MenderHeadEnd.publish(headEnd, artifact);

      CommandRun.Result result =
          CommandRun.run(
              "update",
              "--allow-unsigned",
              "--catalog",
              headEnd.uri("/catalog.json"),
              "--client",
              "stb-8=mender://" + mac,
              "--mender-listen",
              "127.0.0.1:" + port,
              "--mender-device",
              mac,
              "--mender-poll-timeout",
              "PT30S");

      assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.OK);
      assertThat(device.installed().resolve("epg-app.bin")).hasContent("epg-app 4.1.0");
    }
  }

  private static CommandRun.Result update(String... mender) {
    Object[] args = new Object[6 + mender.length];
    Object[] fixed = {
      "update",
      "--allow-unsigned",
      "--catalog",
      "http://127.0.0.1:9/catalog.json",
      "--client",
      "stb-7=mender://02:00:00:00:00:07"
    };
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    System.arraycopy(mender, 0, args, fixed.length, mender.length);
    return CommandRun.run(args);
  }

  private static Sha256 sha256(byte[] bytes) {
    try {
      return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
