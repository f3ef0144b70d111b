package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with an operator's private CA, and a forward proxy, against real nginx instances. */
@Tag("interop")
class HttpsAndProxyTest {

  @TempDir Path home;

  private static void publishCatalog(Path www) throws IOException {
    byte[] player = {1, 2, 3};
    try (OutputStream out = Files.newOutputStream(www.resolve("catalog.json"))) {
      CatalogJson.write(
          Catalog.of(
              7,
              CatalogEntry.of(
                  "bin/player",
                  "2.0.0",
                  InMemoryCatalog.sha256(player),
                  player.length,
                  URI.create("player.bin"))),
          out);
    }
  }

  @Test
  void httpsHeadEndSignedByAPrivateCaIsTrustedOnlyWithTheCallersSslContext() throws Exception {
    Path certificate = home.resolve("cert.pem");
    Path key = home.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("openssl.log").toFile())
            .start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(Files.readString(home.resolve("openssl.log"))).isZero();

    try (Nginx headEnd = Nginx.startTls(home.resolve("head-end"), certificate, key)) {
      publishCatalog(headEnd.www());
      URI catalog = headEnd.uri("/catalog.json");
      HttpTransport trusting =
          new HttpTransport(
              HttpTransportConfig.builder().sslContext(trusting(certificate)).build());

      assertThat(catalog.getScheme()).isEqualTo("https");
      assertThat(trusting.catalog(catalog).fetch().serial()).isEqualTo(7);
      assertThatThrownBy(() -> new HttpTransport().catalog(catalog).fetch())
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void requestsGoThroughTheConfiguredProxy() throws Exception {
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "")) {
      publishCatalog(headEnd.www());
      try (Nginx proxy =
          Nginx.start(
              home.resolve("proxy"),
              "location / { proxy_pass http://127.0.0.1:" + headEnd.port() + "; }")) {
        HttpTransport proxied =
            new HttpTransport(
                HttpTransportConfig.builder()
                    .proxy(
                        ProxySelector.of(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port())))
                    .build());

        // The host name does not resolve: only the proxy can reach the head end.
        Catalog catalog =
            proxied.catalog(URI.create("http://head-end.invalid/catalog.json")).fetch();

        assertThat(catalog.serial()).isEqualTo(7);
        assertThat(proxy.accessLog())
            .singleElement()
            .asString()
            .startsWith("200 GET /catalog.json");
      }
    }
  }

  private static SSLContext trusting(Path certificatePem) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificatePem)) {
      trusted.setCertificateEntry(
          "operator-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
