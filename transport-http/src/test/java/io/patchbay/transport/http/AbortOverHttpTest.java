package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.device.DeviceTrust;
import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.AbortSignal;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.StepTimeoutException;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.update.UpdateSession;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's deadline and a session's cancellation stop HTTP I/O blocked on a trickling peer through
 * an {@link AbortSignal}, on any JDK: on JDK 17 an interrupt of a thread reading an {@code
 * HttpClient} body is swallowed. The transport here would wait ten minutes for a trickle, so only
 * the abort can end these steps within the test's timeout.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AbortOverHttpTest {

  private static final Duration DEADLINE = Duration.ofSeconds(1);

  @TempDir Path home;

  private final Transports transports = transports(List.of());

  /** Transports that only the deadline stops, reaching {@code artifactOrigins} too. */
  private static Transports transports(List<URI> artifactOrigins) {
    return Transports.of(
        new HttpTransport(
            HttpTransportConfig.builder()
                .readTimeout(Duration.ofMinutes(10))
                .minimumRate(1024, Duration.ofMinutes(10))
                .artifactOrigins(artifactOrigins)
                .build()));
  }

  private static void assertAbortedByItsDeadline(Throwable error, String exchange) {
    assertThat(error)
        .isInstanceOf(StepTimeoutException.class)
        .cause()
        .isInstanceOf(InterruptedIOException.class)
        .hasMessageStartingWith(exchange + " aborted: ")
        .hasMessageContaining("did not finish within " + DEADLINE);
  }

  @Test
  void deadlineStopsATricklingManifestRead() throws Exception {
    try (TricklingPeer device = TricklingPeer.answering("200 OK", "application/json", 100_000)) {
      InMemoryCatalog headEnd = InMemoryCatalog.builder().file("bin/player", "2.0.0").build();
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .allowUnsigned()
              .catalog(headEnd)
              .transports(transports)
              .stepTimeout(Step.INTERROGATE, DEADLINE)
              .build();

      UpdateReport report = gateway.update(Client.of("trickler", device.uri("")));

      assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
      assertAbortedByItsDeadline(report.error(), "GET " + device.uri("/patchbay/v1/manifest"));
    }
  }

  @Test
  void deadlineStopsATricklingCatalogRead() throws Exception {
    try (TricklingPeer headEnd = TricklingPeer.answering("200 OK", "application/json", 100_000)) {
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .allowUnsigned()
              .catalog(transports.catalog(headEnd.uri("/catalog.json")))
              .transports(transports)
              .stepTimeout(Step.CATALOG, DEADLINE)
              .build();

      FleetReport report =
          gateway.updateAll(List.of(Client.of("stb-1", URI.create("http://127.0.0.1:9"))));

      UpdateReport client = report.clients().get(0);
      assertThat(client.failedStep()).isEqualTo(Step.CATALOG);
      assertAbortedByItsDeadline(client.error(), "GET " + headEnd.uri("/catalog.json"));
    }
  }

  @Test
  void deadlineStopsATricklingArtifactDownload() throws Exception {
    byte[] image = new byte[100_000];
    try (TricklingPeer artifactHost =
            TricklingPeer.answering("200 OK", "application/octet-stream", image.length);
        HttpDeviceAgent device =
            HttpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure()).start()) {
      Files.createDirectories(home.resolve("www"));
      try (OutputStream out = Files.newOutputStream(home.resolve("www/catalog.json"))) {
        CatalogJson.write(
            Catalog.of(
                1,
                CatalogEntry.of(
                    "fw/image.bin",
                    "2.0.0",
                    InMemoryCatalog.sha256(image),
                    image.length,
                    artifactHost.uri("/image.bin"))),
            out);
      }
      Transports transports = transports(List.of(artifactHost.uri("/")));
      try (StaticHeadEnd headEnd = StaticHeadEnd.start(home.resolve("www"))) {
        UpdateOrchestrator gateway =
            UpdateOrchestrator.builder()
                .allowUnsigned()
                .catalog(transports.catalog(headEnd.uri("/catalog.json")))
                .transports(transports)
                .stepTimeout(Step.FETCH, DEADLINE)
                .build();

        UpdateReport report = gateway.update(Client.of("stb", device.endpoint()));

        FileOutcome file = report.files().get(0);
        assertThat(file.failedStep()).isEqualTo(Step.FETCH);
        assertAbortedByItsDeadline(file.error(), "GET " + artifactHost.uri("/image.bin"));
      }
    }
  }

  @Test
  void cancellingTheSessionStopsATricklingManifestRead() throws Exception {
    try (TricklingPeer device = TricklingPeer.answering("200 OK", "application/json", 100_000)) {
      InMemoryCatalog headEnd = InMemoryCatalog.builder().file("bin/player", "2.0.0").build();
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .allowUnsigned()
              .catalog(headEnd)
              .transports(transports)
              .build();
      try (UpdateSession session = gateway.openSession()) {
        Thread canceller =
            new Thread(
                () -> {
                  try {
                    device.awaitTrickling();
                    session.cancel();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        canceller.start();

        UpdateReport report = session.update(Client.of("trickler", device.uri("")));

        canceller.join();
        assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
        assertThat(report.error())
            .isInstanceOf(InterruptedIOException.class)
            .hasMessageContaining("GET " + device.uri("/patchbay/v1/manifest"));
      }
    }
  }

  @Test
  void abortSignalStopsAnUploadToADeviceThatReadsItSlowly() throws Exception {
    byte[] image = "image".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
    BytesArtifact artifact =
        new BytesArtifact(
            CatalogEntry.of(
                "fw/image.bin",
                "2.0.0",
                InMemoryCatalog.sha256(image),
                image.length,
                URI.create("x")),
            image);
    try (TricklingPeer device = TricklingPeer.readingUploads();
        AbortSignal signal = AbortSignal.open()) {
      Thread deadline =
          new Thread(
              () -> {
                try {
                  device.awaitRequest();
                  signal.abort("the test's deadline passed");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      deadline.start();

      assertThatThrownBy(
              () ->
                  transports
                      .transferer()
                      .transfer(Client.of("slow", device.uri("")), artifact, bytes -> {}))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessage(
              "PUT "
                  + device.uri("/patchbay/v1/files/fw/image.bin")
                  + " aborted: the test's deadline passed");
      deadline.join();
    }
  }
}
