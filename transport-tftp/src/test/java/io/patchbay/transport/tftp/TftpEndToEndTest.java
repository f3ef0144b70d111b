package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway updating reference devices over TFTP from a TFTP head end, all found through
 * ServiceLoader.
 */
class TftpEndToEndTest {

  @TempDir Path home;

  @Test
  void updatesAFleetOfTftpDevicesFromATftpHeadEndDownloadingEachArtifactOnce() throws Exception {
    byte[] player = "player 2.0.0\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(player),
            player.length,
            URI.create("artifacts/player-2.0.0.bin"));
    Path www = Files.createDirectories(home.resolve("head-end/patchbay/artifacts"));
    Files.write(www.resolve("player-2.0.0.bin"), player);
    writeCatalog(www.getParent().resolve("catalog.json"), Catalog.of(1, entry));
    try (TftpServer headEnd = TftpServer.serve(home.resolve("head-end"), 0);
        TftpDeviceAgent first =
            TftpDeviceAgent.start(home.resolve("stb-1"), 0, DeviceTrust.insecure());
        TftpDeviceAgent second =
            TftpDeviceAgent.start(home.resolve("stb-2"), 0, DeviceTrust.insecure())) {
      first.install("bin/player", "1.0.0", new ByteArrayInputStream(new byte[] {1}));
      Transports transports = Transports.load();
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .allowUnsigned()
              .catalog(transports.catalog(headEnd.uri("patchbay/catalog.json")))
              .transports(transports)
              .build();

      FleetReport report =
          gateway.updateAll(
              List.of(Client.of("stb-1", first.endpoint()), Client.of("stb-2", second.endpoint())));

      assertThat(report.succeeded()).as("%s", report).isTrue();
      assertThat(report.artifactsFetched()).isEqualTo(1);
      for (TftpDeviceAgent device : List.of(first, second)) {
        assertThat(Files.readAllBytes(device.pathOf("bin/player"))).isEqualTo(player);
        assertThat(device.manifest().entries())
            .containsExactly(new FileEntry("bin/player", "2.0.0", entry.sha256(), player.length));
      }
    }
  }

  @Test
  @Tag("interop")
  void catalogAndArtifactsComeFromATftpdHpaHeadEnd() throws Exception {
    try (TftpdHpa tftpd = TftpdHpa.readOnly(home.resolve("tftpd"))) {
      Path artifact = tftpd.root().resolve("patchbay/artifacts/tuner.bin");
      Sha256 sha = TestFiles.random(artifact, 3_000_000, 5);
      CatalogEntry entry =
          CatalogEntry.of(
              "fw/tuner.bin", "5.0", sha, Files.size(artifact), URI.create("artifacts/tuner.bin"));
      writeCatalog(tftpd.root().resolve("patchbay/catalog.json"), Catalog.of(3, entry));
      URI catalogUri =
          URI.create("tftp://127.0.0.1:" + tftpd.address().getPort() + "/patchbay/catalog.json");
      TftpCentralCatalog headEnd = new TftpTransport().catalog(catalogUri);

      Catalog catalog = headEnd.fetch();
      Path copy = home.resolve("tuner.bin");
      try (InputStream in = headEnd.openArtifact(catalog.entries().iterator().next())) {
        Files.copy(in, copy);
      }

      assertThat(catalog.entries()).containsExactly(entry);
      assertThat(TestFiles.sha256(copy)).isEqualTo(sha);
    }
  }

  @Test
  void deviceKeepsItsManifestAcrossRestartsAndServesItToTheInterrogator() throws Exception {
    Path directory = home.resolve("stb");
    try (TftpDeviceAgent device = TftpDeviceAgent.start(directory, 0, DeviceTrust.insecure())) {
      device.install(
          "cfg/tuner.conf",
          "7",
          new ByteArrayInputStream("band=3".getBytes(StandardCharsets.UTF_8)));
    }
    try (TftpDeviceAgent restarted = TftpDeviceAgent.start(directory, 0, DeviceTrust.insecure())) {
      Manifest reported =
          new TftpTransport().interrogator().interrogate(Client.of("stb", restarted.endpoint()));

      assertThat(reported).isEqualTo(restarted.manifest());
      assertThat(reported.entries())
          .extracting(FileEntry::name, FileEntry::version)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("cfg/tuner.conf", "7"));
    }
  }

  @Test
  void interrogatorReadsAManifestNameOfTheOperatorsChoiceUnderTheEndpointsPath() throws Exception {
    Manifest manifest = Manifest.of(List.of(FileEntry.of("fw/main.bin", "4.1")));
    Path served = Files.createDirectories(home.resolve("root/boxes/stb-9"));
    try (OutputStream out = Files.newOutputStream(served.resolve("current.json"))) {
      ManifestJson.write(manifest, out);
    }
    try (TftpServer device = TftpServer.serve(home.resolve("root"), 0)) {
      TftpTransport transport =
          new TftpTransport(TftpTransportConfig.builder().manifestName("current.json").build());

      Manifest reported =
          transport.interrogator().interrogate(Client.of("stb-9", device.uri("boxes/stb-9")));

      assertThat(reported).isEqualTo(manifest);
    }
  }

  @Test
  void tftpTransportIsRegisteredForTheTftpScheme() {
    Transports transports = Transports.load();

    assertThat(transports.forScheme("tftp")).isInstanceOf(TftpTransport.class);
    assertThat(transports.forScheme("TFTP")).isInstanceOf(TftpTransport.class);
  }

  static void writeCatalog(Path file, Catalog catalog) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      CatalogJson.write(catalog, out);
    }
  }
}
