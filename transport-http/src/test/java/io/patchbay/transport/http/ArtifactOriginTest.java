package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A head end's requests reach only the catalog's origin and those the operator allows: artifact
 * locations and redirect targets elsewhere are refused before any connection is opened.
 */
class ArtifactOriginTest {

  private static final byte[] ARTIFACT = "player 2.0.0".getBytes(StandardCharsets.UTF_8);

  private RecordingServer headEnd;
  private RecordingServer elsewhere;

  @BeforeEach
  void start() throws IOException {
    headEnd = RecordingServer.start("127.0.0.1");
    elsewhere = RecordingServer.start("127.0.0.2");
    elsewhere.serve("/player.bin", ARTIFACT);
    headEnd.serve("/player.bin", ARTIFACT);
  }

  @AfterEach
  void stop() throws IOException {
    headEnd.close();
    elsewhere.close();
  }

  private static HttpTransport transport(List<URI> artifactOrigins) {
    return new HttpTransport(
        HttpTransportConfig.builder()
            .retry(RetryPolicy.builder().maxAttempts(1).build())
            .artifactOrigins(artifactOrigins)
            .build());
  }

  private static CatalogEntry entry(URI location) {
    return CatalogEntry.of(
        "bin/player", "2.0.0", InMemoryCatalog.sha256(ARTIFACT), ARTIFACT.length, location);
  }

  private byte[] download(HttpTransport transport, URI location) throws IOException {
    try (ArtifactStream body =
        transport.catalog(headEnd.uri("/catalog.json")).openArtifact(entry(location))) {
      return body.readAllBytes();
    }
  }

  @Test
  void aLocationOnAnotherOriginIsRefusedWithoutConnectingToIt() {
    URI location = elsewhere.uri("/player.bin");

    assertThatThrownBy(() -> download(transport(List.of()), location))
        .isInstanceOfSatisfying(
            OriginNotAllowedException.class,
            e -> {
              assertThat(e.refused()).isEqualTo(location);
              assertThat(e.allowed()).containsExactly(headEnd.uri(""));
              assertThat(e).hasMessageContaining(location.toString());
            });
    assertThat(elsewhere.accepts()).isZero();
    assertThat(headEnd.accepts()).isZero();
  }

  @Test
  void theCloudMetadataAddressIsRefusedLikeAnyOtherOrigin() {
    URI metadata = URI.create("http://169.254.169.254/latest/meta-data/");

    assertThatThrownBy(() -> download(transport(List.of()), metadata))
        .isInstanceOfSatisfying(
            OriginNotAllowedException.class, e -> assertThat(e.refused()).isEqualTo(metadata));
  }

  @Test
  void aLocationWithAnotherSchemeIsRefused() {
    URI tftp = URI.create("tftp://127.0.0.1:69/player.bin");

    assertThatThrownBy(() -> download(transport(List.of()), tftp))
        .isInstanceOf(OriginNotAllowedException.class);
  }

  @Test
  void aRedirectToAnOriginNotAllowedIsRefusedWithoutConnectingToIt() {
    URI target = elsewhere.uri("/player.bin");
    headEnd.on("/moved.bin", (request, response) -> response.redirect(302, target.toString()));

    assertThatThrownBy(() -> download(transport(List.of()), headEnd.uri("/moved.bin")))
        .isInstanceOfSatisfying(
            OriginNotAllowedException.class, e -> assertThat(e.refused()).isEqualTo(target));
    assertThat(headEnd.requests()).hasSize(1);
    assertThat(elsewhere.accepts()).isZero();
  }

  @Test
  void anOriginTheOperatorAllowsServesArtifacts() throws IOException {
    byte[] downloaded =
        download(transport(List.of(elsewhere.uri("/any/path"))), elsewhere.uri("/player.bin"));

    assertThat(downloaded).isEqualTo(ARTIFACT);
    assertThat(elsewhere.requests()).hasSize(1);
  }

  @Test
  void aRedirectToAnAllowedOriginIsFollowed() throws IOException {
    headEnd.on(
        "/moved.bin",
        (request, response) -> response.redirect(307, elsewhere.uri("/player.bin").toString()));

    byte[] downloaded = download(transport(List.of(elsewhere.uri(""))), headEnd.uri("/moved.bin"));

    assertThat(downloaded).isEqualTo(ARTIFACT);
  }

  @Test
  void redirectsBeyondTheLimitAreRefused() {
    headEnd.on("/loop", (request, response) -> response.redirect(302, "/loop"));
    HttpTransport twoHops =
        new HttpTransport(
            HttpTransportConfig.builder()
                .retry(RetryPolicy.builder().maxAttempts(1).build())
                .maxRedirects(2)
                .build());

    assertThatThrownBy(() -> download(twoHops, headEnd.uri("/loop")))
        .isInstanceOfSatisfying(
            RedirectRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(RedirectRefusedException.Reason.TOO_MANY));
    assertThat(headEnd.requests()).hasSize(3);
  }

  @Test
  void aDeviceRedirectingOffItselfIsRefused() throws IOException {
    try (RecordingServer device = RecordingServer.start("127.0.0.1")) {
      URI target = elsewhere.uri("/patchbay/v1/manifest");
      device.on(
          "/patchbay/v1/manifest",
          (request, response) -> response.redirect(302, target.toString()));

      assertThatThrownBy(
              () -> transport(List.of()).interrogator().interrogate(Client.of("d", device.uri(""))))
          .isInstanceOf(OriginNotAllowedException.class);
      assertThat(elsewhere.accepts()).isZero();
    }
  }
}
