package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.patchbay.catalog.ArtifactStream;
import io.patchbay.model.CatalogEntry;
import io.patchbay.testkit.InMemoryCatalog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A head end over https cannot send the gateway, or its credentials, to plain http. */
@Tag("interop")
class RedirectDowngradeTest {

  private static final byte[] ARTIFACT = "player 2.0.0".getBytes(StandardCharsets.UTF_8);

  @TempDir Path home;

  @Test
  void aRedirectFromHttpsToHttpIsRefused() throws Exception {
    OpensslCertificates ca = OpensslCertificates.newCa(home, "ca").issueDevice("head-end");
    HttpsServer headEnd =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    headEnd.setHttpsConfigurator(new HttpsConfigurator(ca.tls("head-end").sslContext()));
    try (RecordingServer plain = RecordingServer.start("127.0.0.1")) {
      plain.serve("/player.bin", ARTIFACT);
      URI target = plain.uri("/player.bin");
      headEnd.createContext(
          "/moved.bin",
          exchange -> {
            exchange.getResponseHeaders().add("Location", target.toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
          });
      headEnd.start();
      URI catalog = URI.create("https://127.0.0.1:" + headEnd.getAddress().getPort() + "/c.json");
      HttpTransport transport =
          new HttpTransport(
              HttpTransportConfig.builder()
                  .retry(RetryPolicy.builder().maxAttempts(1).build())
                  .sslContext(TlsConfig.builder(ca.certificate()).build().sslContext())
                  .authenticator(RequestAuthenticator.bearer(() -> "HEAD-END-SECRET"))
                  // Allowed, so that only the downgrade is refused.
                  .artifactOrigins(List.of(plain.uri("")))
                  .build());
      CatalogEntry entry =
          CatalogEntry.of(
              "bin/player",
              "2.0.0",
              InMemoryCatalog.sha256(ARTIFACT),
              ARTIFACT.length,
              catalog.resolve("/moved.bin"));

      assertThatThrownBy(
              () -> {
                try (ArtifactStream body = transport.catalog(catalog).openArtifact(entry)) {
                  body.readAllBytes();
                }
              })
          .isInstanceOfSatisfying(
              RedirectRefusedException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(RedirectRefusedException.Reason.DOWNGRADE);
                assertThat(e.location()).isEqualTo(target.toString());
              });
      assertThat(plain.accepts()).isZero();
    } finally {
      headEnd.stop(0);
    }
  }
}
