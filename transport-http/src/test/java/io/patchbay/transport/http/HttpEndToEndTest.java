package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway updating two reference devices from an nginx head end, found through ServiceLoader. */
@Tag("interop")
class HttpEndToEndTest {

  @TempDir Path home;

  @Test
  void updatesAFleetOfDevicesFromAStaticHeadEndDownloadingEachArtifactOnce() throws Exception {
    byte[] player = "player 2.0.0".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(player),
            player.length,
            URI.create("artifacts/player-2.0.0.bin"));
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "");
        HttpDeviceAgent first =
            HttpDeviceAgent.builder(home.resolve("stb-1"), DeviceTrust.insecure()).start();
        HttpDeviceAgent second =
            HttpDeviceAgent.builder(home.resolve("stb-2"), DeviceTrust.insecure()).start()) {
      Path artifacts = Files.createDirectories(headEnd.www().resolve("artifacts"));
      Files.write(artifacts.resolve("player-2.0.0.bin"), player);
      try (OutputStream out = Files.newOutputStream(headEnd.www().resolve("catalog.json"))) {
        CatalogJson.write(Catalog.of(1, entry), out);
      }
      first.install("bin/player", "1.0.0", new ByteArrayInputStream(new byte[] {1}));
      Transports transports = Transports.load();
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .allowUnsigned()
              .catalog(transports.catalog(headEnd.uri("/catalog.json")))
              .transports(transports)
              .build();

      FleetReport report =
          gateway.updateAll(
              List.of(Client.of("stb-1", first.endpoint()), Client.of("stb-2", second.endpoint())));

      assertThat(report.succeeded()).isTrue();
      assertThat(report.artifactsFetched()).isEqualTo(1);
      assertThat(Files.readAllBytes(first.pathOf("bin/player"))).isEqualTo(player);
      assertThat(Files.readAllBytes(second.pathOf("bin/player"))).isEqualTo(player);
      assertThat(headEnd.accessLog()).filteredOn(line -> line.contains("/artifacts/")).hasSize(1);
    }
  }

  @Test
  void httpTransportIsRegisteredForHttpAndHttps() throws IOException {
    Transports transports = Transports.load();

    assertThat(transports.forScheme("http")).isInstanceOf(HttpTransport.class);
    assertThat(transports.forScheme("https")).isInstanceOf(HttpTransport.class);
  }
}
