package io.patchbay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.SignatureFiles;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example programs do what their documentation says. */
class MoreExamplesTest {

  @TempDir Path work;

  private static void writeCatalog(Path file, CatalogEntry... entries) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      CatalogJson.write(Catalog.of(1, entries), out);
    }
  }

  private static void writeSignedCatalog(Path file, KeyPair key, CatalogEntry... entries)
      throws Exception {
    ByteArrayOutputStream document = new ByteArrayOutputStream();
    CatalogJson.write(
        Catalog.of(1, Instant.now().plus(Duration.ofDays(1)), null, List.of(entries))
            .withRepository("acme-prod"),
        document);
    Files.write(file, document.toByteArray());
    Files.write(Path.of(file + ".sig"), SignatureFiles.of(document.toByteArray(), List.of(key)));
  }

  @Test
  void minimalUpdateUpdatesOneDeviceOverHttpFromACatalogTheOperatorSigned() throws Exception {
    byte[] player = "player 2.0.0".getBytes(StandardCharsets.UTF_8);
    Files.write(work.resolve("player.bin"), player);
    KeyPair operator = Ed25519Keys.generate();
    writeSignedCatalog(
        work.resolve("catalog.json"),
        operator,
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(player),
            player.length,
            URI.create("player.bin")));
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(work);
        HttpDeviceAgent device =
            HttpDeviceAgent.builder(work.resolve("device"), DeviceTrust.insecure()).start()) {

      UpdateReport report =
          MinimalUpdate.update(
              headEnd.uri("catalog.json"),
              "acme-prod",
              operator.getPublic(),
              work.resolve("state"),
              device.endpoint());

      assertThat(report.succeeded()).isTrue();
      assertThat(Files.readAllBytes(device.pathOf("bin/player"))).isEqualTo(player);
    }
  }

  @Test
  void customTransportIsFoundThroughTheSpiAndUpdatesADirectoryDevice() throws Exception {
    byte[] tuner = "tuner 5.0.0".getBytes(StandardCharsets.UTF_8);
    Path headEnd = Files.createDirectories(work.resolve("head-end"));
    Files.write(headEnd.resolve("tuner.bin"), tuner);
    writeCatalog(
        headEnd.resolve("catalog.json"),
        CatalogEntry.of(
            "fw/tuner.bin",
            "5.0.0",
            InMemoryCatalog.sha256(tuner),
            tuner.length,
            URI.create("tuner.bin")));
    Path usbStick = Files.createDirectories(work.resolve("stb-7"));
    Transports transports = Transports.load();

    FleetReport report =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(transports.catalog(DirectoryTransport.uriOf(headEnd.resolve("catalog.json"))))
            .transports(transports)
            .build()
            .updateAll(List.of(Client.of("stb-7", DirectoryTransport.uriOf(usbStick))));

    assertThat(transports.forScheme("dir")).isInstanceOf(DirectoryTransport.class);
    assertThat(report.succeeded()).isTrue();
    assertThat(Files.readAllBytes(usbStick.resolve("fw/tuner.bin"))).isEqualTo(tuner);
    assertThat(Files.readString(usbStick.resolve(DirectoryTransport.MANIFEST)))
        .contains("\"5.0.0\"");
  }

  @Test
  void progressListenerReportsTenthsAndOutcomes() {
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder().file("bin/player", "2.0.0", new byte[100_000]).build();
    FakeFleet fleet = new FakeFleet();
    fleet.add("stb-1");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    FleetReport report =
        FleetWithProgress.update(
            UpdateOrchestrator.builder()
                .allowUnsigned()
                .catalog(headEnd)
                .interrogator(fleet)
                .transferer(fleet),
            fleet.clients(),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(report.succeeded()).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "stb-1: 1 files, 100000 bytes to send",
            "stb-1: bin/player 100%",
            "stb-1: bin/player UPDATED",
            "stb-1: done");
  }
}
