package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.format.FormatException;
import io.patchbay.format.JsonLimits;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile peer sends is read only up to a limit: a device's manifest, a body the gateway
 * does not need, a catalog that inflates. The servers count what they managed to write.
 */
class BoundedBodiesTest {

  private static final long HUGE = 256L * 1024 * 1024;

  /** Far more than socket and client buffers hold, far less than {@link #HUGE}. */
  private static final long BUFFERS = 32L * 1024 * 1024;

  private RecordingServer peer;

  @BeforeEach
  void start() throws IOException {
    peer = RecordingServer.start("127.0.0.1");
  }

  @AfterEach
  void stop() throws IOException {
    peer.close();
  }

  private static HttpTransport transport(HttpTransportConfig.Builder config) {
    return new HttpTransport(config.retry(RetryPolicy.builder().maxAttempts(1).build()).build());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A gzip of {@code prefix} followed by {@code spaces} spaces: small, and large once inflated. */
  private static byte[] gzipBomb(String prefix, long spaces) throws IOException {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write(ascii(prefix));
      byte[] blank = new byte[64 * 1024];
      Arrays.fill(blank, (byte) ' ');
      for (long left = spaces; left > 0; left -= blank.length) {
        out.write(blank, 0, (int) Math.min(blank.length, left));
      }
    }
    return gzip.toByteArray();
  }

  @Test
  void aManifestOverTheDeviceLimitsFailsWithoutBeingReadToItsEnd() {
    peer.on(
        "/patchbay/v1/manifest",
        (request, response) ->
            response.stream(HUGE, "application/json", ascii("{\"schemaVersion\":1,\"files\":[")));
    Client device = Client.of("hostile", peer.uri(""));

    assertThatThrownBy(
            () -> transport(HttpTransportConfig.builder()).interrogator().interrogate(device))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE));
    await().until(() -> peer.answered() == 1);
    assertThat(peer.bytesWritten())
        .isGreaterThan(JsonLimits.deviceManifests().maxDocumentBytes())
        .isLessThan(BUFFERS);
  }

  @Test
  void anUnwantedAnswerToATransferIsReadOnlyUpToTheDiscardLimit() throws IOException {
    peer.on(
        "/patchbay/v1/files/bin/player",
        (request, response) -> response.stream(HUGE, "text/plain", new byte[0]));
    byte[] content = ascii("player 2.0.0");
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(content),
            content.length,
            URI.create("x"));

    transport(HttpTransportConfig.builder())
        .transferer()
        .transfer(Client.of("d", peer.uri("")), new BytesArtifact(entry, content), bytes -> {});

    await().until(() -> peer.answered() == 1);
    assertThat(peer.bytesWritten()).isLessThan(BUFFERS);
  }

  @Test
  void aGzippedCatalogIsCutOffAtTheCatalogLimitsOnceInflated() throws IOException {
    peer.serve(
        "/catalog.json",
        gzipBomb("{\"schemaVersion\":1,", HUGE),
        "Content-Type: application/json",
        "Content-Encoding: gzip");
    HttpTransport small =
        transport(
            HttpTransportConfig.builder()
                .catalogLimits(JsonLimits.defaults().withMaxDocumentBytes(1024 * 1024)));

    assertThatThrownBy(() -> small.catalog(peer.uri("/catalog.json")).fetch())
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE));
  }

  @Test
  void theCatalogDocumentOpenedForAVerifierIsCutOffAtTheLimitOnceInflated() throws IOException {
    peer.serve(
        "/catalog.json",
        gzipBomb("{", HUGE),
        "Content-Type: application/json",
        "Content-Encoding: gzip");
    long limit = 1024 * 1024;
    HttpTransport small =
        transport(
            HttpTransportConfig.builder()
                .catalogLimits(JsonLimits.defaults().withMaxDocumentBytes(limit)));
    long[] read = {0};

    assertThatThrownBy(
            () -> {
              try (InputStream document = small.catalog(peer.uri("/catalog.json")).openDocument()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = document.read(buffer)) >= 0; ) {
                  read[0] += n;
                }
              }
            })
        .isInstanceOfSatisfying(
            DocumentTooLargeException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(limit);
              assertThat(e.uri()).isEqualTo(peer.uri("/catalog.json"));
            });
    assertThat(read[0]).isEqualTo(limit);
  }

  @Test
  void aCatalogDocumentOfExactlyTheLimitIsReadWhole() throws IOException {
    byte[] document = new byte[1000];
    Arrays.fill(document, (byte) ' ');
    peer.serve("/catalog.json", document, "Content-Type: application/json");
    HttpTransport exact =
        transport(
            HttpTransportConfig.builder()
                .catalogLimits(JsonLimits.defaults().withMaxDocumentBytes(document.length)));

    try (InputStream in = exact.catalog(peer.uri("/catalog.json")).openDocument()) {
      assertThat(in.readAllBytes()).hasSize(document.length);
    }
  }
}
