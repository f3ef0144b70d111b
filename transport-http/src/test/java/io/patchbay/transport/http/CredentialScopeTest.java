package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The head end's credentials reach the head end's origin only, and the devices' reach devices only:
 * three servers on loopback record every header they receive.
 */
class CredentialScopeTest {

  private static final String HEAD_END = "Bearer HEAD-END-SECRET";
  private static final String DEVICE = "Bearer DEVICE-SECRET";
  private static final byte[] ARTIFACT = "player 2.0.0".getBytes(StandardCharsets.UTF_8);

  private RecordingServer headEnd;
  private RecordingServer mirror;
  private RecordingServer device;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    headEnd = RecordingServer.start("127.0.0.1");
    // Another origin: another loopback address, as another host would be.
    mirror = RecordingServer.start("127.0.0.2");
    device = RecordingServer.start("127.0.0.1");
    mirror.serve("/player.bin", ARTIFACT);
    headEnd.serve("/player.bin", ARTIFACT);
    device.serve("/patchbay/v1/manifest", manifest(), "Content-Type: application/json");
    device.on(
        "/patchbay/v1/files/bin/player", (request, response) -> response.send(204, new byte[0]));
    transport =
        new HttpTransport(
            HttpTransportConfig.builder()
                .retry(RetryPolicy.builder().maxAttempts(1).build())
                .authenticator(RequestAuthenticator.bearer(() -> "HEAD-END-SECRET"))
                .deviceAuthenticator(RequestAuthenticator.bearer(() -> "DEVICE-SECRET"))
                .artifactOrigins(List.of(mirror.uri("/")))
                .build());
  }

  @AfterEach
  void stop() throws IOException {
    headEnd.close();
    mirror.close();
    device.close();
  }

  private static CatalogEntry entry(URI location) {
    return CatalogEntry.of(
        "bin/player", "2.0.0", InMemoryCatalog.sha256(ARTIFACT), ARTIFACT.length, location);
  }

  private void publish(URI location) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    CatalogJson.write(Catalog.of(7, entry(location)), json);
    headEnd.serve("/catalog.json", json.toByteArray(), "Content-Type: application/json");
  }

  private static byte[] manifest() {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try {
      ManifestJson.write(Manifest.empty(), json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return json.toByteArray();
  }

  private byte[] download(CatalogEntry entry) throws IOException {
    HttpCentralCatalog catalog = transport.catalog(headEnd.uri("/catalog.json"));
    try (ArtifactStream body = catalog.openArtifact(entry)) {
      return body.readAllBytes();
    }
  }

  @Test
  void headEndCredentialsGoToTheCatalogsOriginButNotToAnArtifactLocationElsewhere()
      throws IOException {
    publish(mirror.uri("/player.bin"));
    HttpCentralCatalog catalog = transport.catalog(headEnd.uri("/catalog.json"));

    CatalogEntry listed = catalog.fetch().find("bin/player").orElseThrow();
    byte[] downloaded = download(listed);

    assertThat(downloaded).isEqualTo(ARTIFACT);
    assertThat(headEnd.received("Authorization")).containsExactly(HEAD_END);
    assertThat(mirror.requests()).hasSize(1);
    assertThat(mirror.received("Authorization")).isEmpty();
  }

  @Test
  void credentialsAreDroppedOnARedirectToAnotherOrigin() throws IOException {
    headEnd.on(
        "/moved.bin",
        (request, response) -> response.redirect(302, mirror.uri("/player.bin").toString()));

    byte[] downloaded = download(entry(headEnd.uri("/moved.bin")));

    assertThat(downloaded).isEqualTo(ARTIFACT);
    assertThat(headEnd.received("Authorization")).containsExactly(HEAD_END);
    assertThat(mirror.requests()).hasSize(1);
    assertThat(mirror.received("Authorization")).isEmpty();
  }

  @Test
  void credentialsFollowARedirectWithinTheHeadEndsOrigin() throws IOException {
    headEnd.on("/moved.bin", (request, response) -> response.redirect(301, "/player.bin"));

    byte[] downloaded = download(entry(headEnd.uri("/moved.bin")));

    assertThat(downloaded).isEqualTo(ARTIFACT);
    assertThat(headEnd.requests())
        .extracting(RecordingServer.Request::target)
        .containsExactly("/moved.bin", "/player.bin");
    assertThat(headEnd.received("Authorization")).containsExactly(HEAD_END, HEAD_END);
  }

  @Test
  void anOriginTheOperatorAddsToTheHeadEndReceivesItsCredentials() throws IOException {
    HttpTransport withMirror =
        new HttpTransport(
            HttpTransportConfig.builder()
                .authenticator(RequestAuthenticator.bearer(() -> "HEAD-END-SECRET"))
                .headEndOrigins(List.of(mirror.uri("/")))
                .build());
    HttpCentralCatalog catalog = withMirror.catalog(headEnd.uri("/catalog.json"));

    try (ArtifactStream body = catalog.openArtifact(entry(mirror.uri("/player.bin")))) {
      assertThat(body.readAllBytes()).isEqualTo(ARTIFACT);
    }

    assertThat(mirror.received("Authorization")).containsExactly(HEAD_END);
  }

  @Test
  void devicesReceiveTheDeviceCredentialsAndNeverTheHeadEnds() throws IOException {
    Client client = Client.of("stb-1", device.uri(""));

    transport.interrogator().interrogate(client);
    transport
        .transferer()
        .transfer(client, new BytesArtifact(entry(URI.create("x")), ARTIFACT), bytes -> {});

    assertThat(device.requests()).hasSize(2);
    assertThat(device.received("Authorization")).containsExactly(DEVICE, DEVICE);
    assertThat(headEnd.requests()).isEmpty();
  }

  @Test
  void theHeadEndNeverReceivesTheDeviceCredentials() throws IOException {
    publish(URI.create("player.bin"));
    HttpCentralCatalog catalog = transport.catalog(headEnd.uri("/catalog.json"));

    download(catalog.fetch().find("bin/player").orElseThrow());

    assertThat(headEnd.received("Authorization")).containsExactly(HEAD_END, HEAD_END);
  }
}
