package io.patchbay.transport.mender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.fetch.ArtifactCache;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.transport.http.HttpTransport;
import io.patchbay.transport.http.Nginx;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts as the real Mender client (3.4) and mender-artifact (3.9) judge them: plain files the
 * gateway wraps, signed with its key or not, and operators' artifacts passed through unchanged,
 * whose signature the device checks itself.
 */
@Tag("interop")
class MenderArtifactsTest {

  @TempDir Path home;

  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  @Test
  void aPlainFileIsWrappedInstalledAndConfirmedWithOneDownloadForTwoDevices() throws Exception {
    Path installs = Files.createDirectories(home.resolve("installs"));
    Nginx headEnd = started(Nginx.start(home.resolve("head-end"), ""));
    byte[] player = "player 2.0.0\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(headEnd.www().resolve("artifacts"));
    Files.write(headEnd.www().resolve("artifacts/player-2.0.0.bin"), player);
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(player),
            player.length,
            URI.create("artifacts/player-2.0.0.bin"));
    try (OutputStream out = Files.newOutputStream(headEnd.www().resolve("catalog.json"))) {
      io.patchbay.format.CatalogJson.write(io.patchbay.model.Catalog.of(1, entry), out);
    }
    MenderTransport gateway = started(gateway(builder().wrapPlainFiles(installs.toString())));
    MenderDevice first =
        device(
            "02:00:00:00:00:21",
            MenderDevice.withMac("02:00:00:00:00:21").installsInto(installs),
            gateway);
    MenderDevice second =
        device(
            "02:00:00:00:00:22",
            MenderDevice.withMac("02:00:00:00:00:22").installsInto(installs),
            gateway);
    Transports transports = Transports.of(new HttpTransport(), gateway);

    FleetReport report =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(transports.catalog(headEnd.uri("/catalog.json")))
            .transports(transports)
            .artifactStore(ArtifactCache.open(home.resolve("cache"), 1L << 30))
            .build()
            .updateAll(List.of(client("02:00:00:00:00:21"), client("02:00:00:00:00:22")));

    assertThat(report.succeeded()).isTrue();
    assertThat(report.clients()).allSatisfy(r -> assertThat(r.updatedCount()).isEqualTo(1));
    assertThat(first.installed().resolve("bin/player")).hasBinaryContent(player);
    assertThat(second.installed().resolve("bin/player")).hasBinaryContent(player);
    assertThat(headEnd.accessLog()).filteredOn(line -> line.contains("/artifacts/")).hasSize(1);
    assertThat(gateway.interrogator().interrogate(client("02:00:00:00:00:21")).find("bin/player"))
        .contains(FileEntry.of("bin/player", "2.0.0"));
  }

  @Test
  void wrappedArtifactsValidateWithMenderArtifactUnsignedAndSignedWithTheGatewayKey()
      throws Exception {
    MenderKeys keys = MenderKeys.make(home.resolve("keys"));
    byte[] player = "player 2.0.0\n".getBytes(StandardCharsets.UTF_8);
    ArtifactWriter.Spec spec =
        new ArtifactWriter.Spec(
            "bin-player-2.0.0",
            "stb",
            "/opt/patchbay/bin",
            "player",
            "rootfs-image.bin/player.version",
            "2.0.0");
    Path unsigned = home.resolve("unsigned.mender");
    Path signed = home.resolve("signed.mender");
    ArtifactWriter.write(
        new ByteArrayInputStream(player), player.length, spec, null, home, unsigned);
    ArtifactWriter.write(
        new ByteArrayInputStream(player), player.length, spec, keys.privateKey(), home, signed);

    String read = MenderHeadEnd.run(home, "mender-artifact", "read", unsigned.toString());
    MenderHeadEnd.run(home, "mender-artifact", "validate", unsigned.toString());
    String verified =
        MenderHeadEnd.run(
            home,
            "mender-artifact",
            "validate",
            "-k",
            keys.publicPem().toString(),
            signed.toString());

    assertThat(read)
        .contains("Name: bin-player-2.0.0")
        .containsPattern("Type:\\s+single-file")
        .contains("rootfs-image.bin/player.version: 2.0.0")
        .contains("Signature: no signature");
    assertThat(verified).contains("validated successfully");
    assertThatThrownBy(
            () ->
                MenderHeadEnd.run(
                    home,
                    "mender-artifact",
                    "validate",
                    "-k",
                    MenderKeys.make(home.resolve("other")).publicPem().toString(),
                    signed.toString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aDeviceThatVerifiesInstallsSignedArtifactsAndRefusesTamperedAndUnsignedOnes()
      throws Exception {
    Path installs = Files.createDirectories(home.resolve("installs"));
    MenderKeys operator = MenderKeys.make(home.resolve("operator"));
    MenderKeys gatewayKey = MenderKeys.make(home.resolve("gateway"));
    MenderTransport gateway =
        started(
            gateway(
                builder().wrapPlainFiles(installs.toString()).signingKey(gatewayKey.privateKey())));
    String mac = "02:00:00:00:00:31";
    // The device trusts the operator's key only.
    MenderDevice device =
        device(
            mac,
            MenderDevice.withMac(mac).installsInto(installs).verifyKey(operator.publicPem()),
            gateway);
    Path v1 =
        operator.sign(artifact("epg-app", "4.1.0", installs), home.resolve("signed-4.1.0.mender"));
    Path v2 =
        operator.sign(artifact("epg-app", "4.2.0", installs), home.resolve("signed-4.2.0.mender"));
    Path tampered = tamper(v2, artifact("epg-app", "4.2.0", installs, "not what was signed\n"));
    Path unsigned = artifact("epg-app", "4.3.0", installs);
    gateway.interrogator().interrogate(client(mac));

    transfer(gateway, mac, "epg-app", "4.1.0", v1);
    assertThat(gateway.interrogator().interrogate(client(mac)).find("epg-app"))
        .contains(FileEntry.of("epg-app", "4.1.0"));
    assertThatThrownBy(() -> transfer(gateway, mac, "epg-app", "4.2.0", tampered))
        .isInstanceOfSatisfying(
            DeploymentFailedException.class, e -> assertThat(e.deviceId()).isEqualTo(mac));
    assertThatThrownBy(() -> transfer(gateway, mac, "epg-app", "4.3.0", unsigned))
        .isInstanceOfSatisfying(
            DeploymentFailedException.class,
            e -> assertThat(String.join("\n", e.log())).containsIgnoringCase("signature"));
    // A plain file the gateway signs with its own key, which this device does not trust.
    byte[] plain = "plain\n".getBytes(StandardCharsets.UTF_8);
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/plain",
            "1.0.0",
            InMemoryCatalog.sha256(plain),
            plain.length,
            URI.create("plain.bin"));
    assertThatThrownBy(
            () ->
                gateway
                    .transferer()
                    .transfer(client(mac), new BytesArtifact(entry, plain), n -> {}))
        .isInstanceOf(DeploymentFailedException.class);

    assertThat(Files.readString(device.installed().resolve("epg-app.bin")))
        .isEqualTo("epg-app 4.1.0\n");
    assertThat(gateway.interrogator().interrogate(client(mac)).find("epg-app"))
        .contains(FileEntry.of("epg-app", "4.1.0"));
  }

  @Test
  void aWrappedFileSignedWithTheGatewayKeyInstallsOnADeviceThatTrustsIt() throws Exception {
    Path installs = Files.createDirectories(home.resolve("installs"));
    MenderKeys gatewayKey = MenderKeys.make(home.resolve("gateway"));
    MenderTransport gateway =
        started(
            gateway(
                builder().wrapPlainFiles(installs.toString()).signingKey(gatewayKey.privateKey())));
    String mac = "02:00:00:00:00:41";
    MenderDevice device =
        device(
            mac,
            MenderDevice.withMac(mac).installsInto(installs).verifyKey(gatewayKey.publicPem()),
            gateway);
    byte[] plain = "plain 1.0.0\n".getBytes(StandardCharsets.UTF_8);
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/plain",
            "1.0.0",
            InMemoryCatalog.sha256(plain),
            plain.length,
            URI.create("plain.bin"));
    gateway.interrogator().interrogate(client(mac));

    gateway.transferer().transfer(client(mac), new BytesArtifact(entry, plain), n -> {});

    assertThat(device.installed().resolve("bin/plain")).hasBinaryContent(plain);
    assertThat(gateway.interrogator().interrogate(client(mac)).find("bin/plain"))
        .contains(FileEntry.of("bin/plain", "1.0.0"));
  }

  private void transfer(MenderTransport gateway, String mac, String name, String version, Path file)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CatalogEntry entry =
        CatalogEntry.of(
            name,
            version,
            InMemoryCatalog.sha256(bytes),
            bytes.length,
            URI.create(file.getFileName().toString()));
    gateway.transferer().transfer(client(mac), new BytesArtifact(entry, bytes), n -> {});
  }

  /** {@code signed} with its data replaced by {@code other}'s, its signed manifest kept. */
  private Path tamper(Path signed, Path other) throws IOException {
    Path tampered = home.resolve("tampered.mender");
    byte[] foreignData = null;
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(other))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().startsWith("data/")) {
          foreignData = in.readAllBytes();
        }
      }
    }
    try (InputStream source = Files.newInputStream(signed);
        TarArchiveInputStream in = new TarArchiveInputStream(source);
        TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tampered))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = entry.getName().startsWith("data/") ? foreignData : in.readAllBytes();
        TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
        copy.setSize(content.length);
        out.putArchiveEntry(copy);
        out.write(content);
        out.closeArchiveEntry();
      }
      out.finish();
    }
    return tampered;
  }

  private Path artifact(String name, String version, Path installs) throws IOException {
    return artifact(name, version, installs, name + " " + version + "\n");
  }

  private Path artifact(String name, String version, Path installs, String content)
      throws IOException {
    Path directory = Files.createTempDirectory(home, "artifact");
    Path payload = directory.resolve(name + ".bin");
    Files.writeString(payload, content);
    return MenderHeadEnd.singleFileArtifact(directory, name, version, payload, installs);
  }

  private static MenderTransportConfig.Builder builder() {
    return MenderTransportConfig.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .admission(DeviceAdmission.acceptAll())
        .pollTimeout(Duration.ofSeconds(30))
        .installTimeout(Duration.ofSeconds(60));
  }

  private static MenderTransport gateway(MenderTransportConfig.Builder config) throws IOException {
    return MenderTransport.start(config.build());
  }

  private MenderDevice device(String mac, MenderDevice.Setup setup, MenderTransport gateway)
      throws IOException {
    return started(
        MenderDevice.start(
            home.resolve("device-" + mac.replace(':', '-')), setup, gateway.origin()));
  }

  private static Client client(String mac) {
    return Client.of(mac, URI.create("mender://" + mac));
  }

  private <T extends AutoCloseable> T started(T resource) {
    running.add(resource);
    return resource;
  }
}
