package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ProcessPeer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP head end against a real nginx on loopback. */
@Tag("interop")
class HttpCentralCatalogTest {

  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.builder()
          .maxAttempts(3)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(20))
          .maxRetryAfter(Duration.ofSeconds(2))
          .build();

  @TempDir Path home;
  private Nginx nginx;

  @AfterEach
  void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static HttpTransport transport() {
    return new HttpTransport(HttpTransportConfig.builder().retry(QUICK_RETRIES).build());
  }

  /**
   * Publishes {@code artifact} as {@code artifacts/player.bin} in a catalog at {@code
   * /patchbay/catalog.json}.
   */
  private CatalogEntry publish(byte[] artifact) throws IOException {
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(artifact),
            artifact.length,
            URI.create("artifacts/player.bin"));
    Path dir = Files.createDirectories(nginx.www().resolve("patchbay/artifacts"));
    Files.write(dir.resolve("player.bin"), artifact);
    try (OutputStream out = Files.newOutputStream(nginx.www().resolve("patchbay/catalog.json"))) {
      CatalogJson.write(Catalog.of(42, entry), out);
    }
    return entry;
  }

  private static Sha256 sha256Of(InputStream in) throws IOException {
    try (in) {
      return InMemoryCatalog.sha256(in.readAllBytes());
    }
  }

  @Test
  void fetchesTheCatalogAndRevalidatesItWithItsETag() throws Exception {
    nginx = Nginx.start(home, "");
    publish(randomBytes(1000, 1));
    HttpCentralCatalog headEnd = transport().catalog(nginx.uri("/patchbay/catalog.json"));

    Catalog first = headEnd.fetch();
    Catalog second = headEnd.fetch();

    assertThat(first.serial()).isEqualTo(42);
    assertThat(second).isSameAs(first);
    // nginx logs a request after answering it: the 304's line may follow the answer by a moment.
    await().untilAsserted(() -> assertThat(nginx.accessLog()).hasSize(2));
    List<String> log = nginx.accessLog();
    assertThat(log.get(0)).startsWith("200 GET /patchbay/catalog.json").contains("if-none-match= ");
    assertThat(log.get(1))
        .startsWith("304 GET /patchbay/catalog.json")
        .contains("if-none-match=\"");
  }

  @Test
  void acceptsAGzippedCatalog() throws Exception {
    nginx = Nginx.start(home, "gzip on; gzip_types application/json; gzip_min_length 1;");
    publish(randomBytes(1000, 2));

    Catalog catalog = transport().catalog(nginx.uri("/patchbay/catalog.json")).fetch();

    assertThat(catalog.find("bin/player")).isPresent();
  }

  @Test
  void catalogOverTheSizeLimitIsATypedFormatError() throws Exception {
    nginx = Nginx.start(home, "");
    publish(randomBytes(1000, 3));
    HttpTransport small =
        new HttpTransport(
            HttpTransportConfig.builder()
                .catalogLimits(io.patchbay.format.JsonLimits.defaults().withMaxDocumentBytes(100))
                .build());

    assertThatThrownBy(() -> small.catalog(nginx.uri("/patchbay/catalog.json")).fetch())
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE));
  }

  @Test
  void downloadsAnArtifactResolvedAgainstTheCatalogUri() throws Exception {
    nginx = Nginx.start(home, "");
    CatalogEntry entry = publish(randomBytes(3_000_000, 4));
    HttpCentralCatalog headEnd = transport().catalog(nginx.uri("/patchbay/catalog.json"));

    assertThat(sha256Of(headEnd.openArtifact(entry))).isEqualTo(entry.sha256());
    assertThat(nginx.accessLog())
        .singleElement()
        .asString()
        .startsWith("200 GET /patchbay/artifacts/player.bin");
  }

  @Test
  void resumesACutDownloadWithAnIfRangeGuardedRangeRequest() throws Exception {
    nginx = Nginx.start(home, "");
    CatalogEntry entry = publish(randomBytes(5_000_000, 5));
    try (CuttingProxy proxy = new CuttingProxy(nginx.port(), 1_000_000, () -> {})) {
      HttpCentralCatalog headEnd = transport().catalog(proxy.uri("/patchbay/catalog.json"));

      assertThat(sha256Of(headEnd.openArtifact(entry))).isEqualTo(entry.sha256());
      assertThat(proxy.connections()).isEqualTo(2);
    }
    List<String> log = nginx.accessLog();
    assertThat(log)
        .last()
        .asString()
        .startsWith("206 GET /patchbay/artifacts/player.bin")
        .containsPattern("range=bytes=\\d+- if-range=\"");
  }

  @Test
  void resumeRestartsCleanlyWhenTheServerIgnoresRangesAndCountsTheBytesItSkips() throws Exception {
    nginx = Nginx.start(home, "max_ranges 0;");
    CatalogEntry entry = publish(randomBytes(5_000_000, 6));
    try (CuttingProxy proxy = new CuttingProxy(nginx.port(), 1_000_000, () -> {})) {
      HttpCentralCatalog headEnd = transport().catalog(proxy.uri("/patchbay/catalog.json"));

      try (ArtifactStream body = headEnd.openArtifact(entry)) {
        assertThat(sha256Of(body)).isEqualTo(entry.sha256());
        // The first response's bytes before the cut came twice: once read, once skipped.
        assertThat(body.received())
            .isGreaterThan(entry.size())
            .isLessThanOrEqualTo(entry.size() + 1_000_000);
      }
    }
    assertThat(nginx.accessLog())
        .last()
        .asString()
        .startsWith("200 GET /patchbay/artifacts/player.bin")
        .contains("range=bytes=");
  }

  @Test
  void openedFromAnOffsetWithTheCurrentValidatorGetsOnlyTheRest() throws Exception {
    nginx = Nginx.start(home, "");
    byte[] artifact = randomBytes(3_000_000, 11);
    CatalogEntry entry = publish(artifact);
    HttpCentralCatalog headEnd = transport().catalog(nginx.uri("/patchbay/catalog.json"));
    String etag;
    try (ArtifactStream first = headEnd.openArtifact(entry)) {
      first.transferTo(OutputStream.nullOutputStream());
      etag = first.validator();
    }

    try (ArtifactStream rest = headEnd.openArtifact(entry, new ResumePoint(1_000_000, etag))) {
      assertThat(rest.start()).isEqualTo(1_000_000);
      assertThat(rest.readAllBytes())
          .isEqualTo(Arrays.copyOfRange(artifact, 1_000_000, artifact.length));
      assertThat(rest.received()).isEqualTo(2_000_000);
      assertThat(rest.validator()).isEqualTo(etag);
    }
    assertThat(etag).startsWith("\"");
    // nginx writes a request's log line after its response: wait for it.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(nginx.accessLog())
                    .hasSize(2)
                    .last()
                    .asString()
                    .startsWith("206 GET /patchbay/artifacts/player.bin")
                    .contains("range=bytes=1000000- if-range=" + etag));
  }

  @Test
  void openedFromAnOffsetWithAStaleValidatorGetsTheWholeArtifactFromZero() throws Exception {
    nginx = Nginx.start(home, "");
    byte[] artifact = randomBytes(3_000_000, 12);
    CatalogEntry entry = publish(artifact);
    HttpCentralCatalog headEnd = transport().catalog(nginx.uri("/patchbay/catalog.json"));

    try (ArtifactStream whole =
        headEnd.openArtifact(entry, new ResumePoint(1_000_000, "\"replaced-long-ago\""))) {
      assertThat(whole.start()).isZero();
      assertThat(whole.readAllBytes()).isEqualTo(artifact);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(nginx.accessLog())
                    .singleElement()
                    .asString()
                    .startsWith("200 GET /patchbay/artifacts/player.bin")
                    .contains("if-range=\"replaced-long-ago\""));
  }

  @Test
  void openedFromAnOffsetPastTheEndOfAShrunkArtifactAsksForAllOfIt() throws Exception {
    nginx = Nginx.start(home, "");
    byte[] artifact = randomBytes(1000, 13);
    CatalogEntry entry = publish(artifact);
    HttpCentralCatalog headEnd = transport().catalog(nginx.uri("/patchbay/catalog.json"));

    try (ArtifactStream whole = headEnd.openArtifact(entry, ResumePoint.at(5000))) {
      assertThat(whole.start()).isZero();
      assertThat(whole.readAllBytes()).isEqualTo(artifact);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(nginx.accessLog())
                    .extracting(line -> line.substring(0, 3))
                    .containsExactly("416", "200"));
  }

  @Test
  void artifactChangedDuringTheDownloadIsNeverSplicedTogether() throws Exception {
    nginx = Nginx.start(home, "");
    CatalogEntry entry = publish(randomBytes(5_000_000, 7));
    Path artifact = nginx.www().resolve("patchbay/artifacts/player.bin");
    Runnable replaceArtifact =
        () -> {
          try {
            Path replacement =
                Files.write(artifact.resolveSibling("new.bin"), randomBytes(5_000_001, 8));
            Files.move(replacement, artifact, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    try (CuttingProxy proxy = new CuttingProxy(nginx.port(), 1_000_000, replaceArtifact)) {
      HttpCentralCatalog headEnd = transport().catalog(proxy.uri("/patchbay/catalog.json"));

      assertThatThrownBy(() -> sha256Of(headEnd.openArtifact(entry)))
          .isInstanceOf(ArtifactChangedException.class);
    }
  }

  @Test
  void missingArtifactIsNotRetried() throws Exception {
    nginx = Nginx.start(home, "");
    CatalogEntry entry = publish(randomBytes(10, 9));
    Files.delete(nginx.www().resolve("patchbay/artifacts/player.bin"));

    assertThatThrownBy(
            () -> transport().catalog(nginx.uri("/patchbay/catalog.json")).openArtifact(entry))
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404));
    // nginx writes its log line once the connection is done with, which may be just after.
    await().untilAsserted(() -> assertThat(nginx.accessLog()).hasSize(1));
  }

  @Test
  void serverErrorsAreRetriedWithBackoffThenReported() throws Exception {
    nginx =
        Nginx.start(
            home,
            "location = /patchbay/catalog.json { add_header Retry-After 0 always; return 503; }");

    assertThatThrownBy(() -> transport().catalog(nginx.uri("/patchbay/catalog.json")).fetch())
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503));
    // nginx writes a request's log line after its response: wait for the last one.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(nginx.accessLog()).hasSize(QUICK_RETRIES.maxAttempts()));
  }

  @Test
  void authenticatorAddsCredentialsToEveryRequest() throws Exception {
    nginx = Nginx.start(home, "if ($http_authorization != \"Bearer s3cret\") { return 401; }");
    publish(randomBytes(10, 10));
    URI catalog = nginx.uri("/patchbay/catalog.json");
    HttpTransport withToken =
        new HttpTransport(
            HttpTransportConfig.builder()
                .authenticator(RequestAuthenticator.bearer(() -> "s3cret"))
                .build());

    assertThat(withToken.catalog(catalog).fetch().serial()).isEqualTo(42);
    assertThatThrownBy(() -> transport().catalog(catalog).fetch())
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void anUnreachableHeadEndIsAConnectExceptionNamingTheUrl() throws Exception {
    URI catalog =
        URI.create("http://127.0.0.1:" + ProcessPeer.freeTcpPort() + "/patchbay/catalog.json");

    assertThatThrownBy(() -> transport().catalog(catalog).fetch())
        .isInstanceOf(ConnectException.class)
        .hasMessage("Cannot connect to " + catalog);
  }

  @Test
  void aMalformedCatalogIsAFormatErrorNamingTheUrl() throws Exception {
    nginx = Nginx.start(home, "");
    Files.createDirectories(nginx.www().resolve("patchbay"));
    Files.writeString(nginx.www().resolve("patchbay/catalog.json"), "<html>not a catalog</html>");
    URI catalog = nginx.uri("/patchbay/catalog.json");

    assertThatThrownBy(() -> transport().catalog(catalog).fetch())
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(FormatException.Problem.MALFORMED_JSON);
              assertThat(e.source()).isEqualTo(catalog.toString());
              assertThat(e).hasMessageStartingWith(catalog + ": line 1, column 1");
            });
  }
}
