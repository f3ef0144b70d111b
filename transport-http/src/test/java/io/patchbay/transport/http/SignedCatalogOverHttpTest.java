package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.SignatureFiles;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.TrustException;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.trust.TrustedCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed catalog and its signature file served by nginx, checked before use. */
@Tag("interop")
class SignedCatalogOverHttpTest {

  private static final KeyPair OPERATOR = Ed25519Keys.generate();

  @TempDir Path home;

  @Test
  void theCatalogAndItsSignatureFileAreFetchedAndChecked() throws IOException {
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "")) {
      Path catalog = publishSigned(headEnd.www(), 3);
      TrustedCatalog trusted = trusted(headEnd.uri("/catalog.json"));

      assertThat(trusted.fetch().serial()).isEqualTo(3);

      Files.writeString(catalog, Files.readString(catalog).replace("\"serial\":3", "\"serial\":4"));
      assertThatThrownBy(trusted::fetch)
          .isInstanceOfSatisfying(
              TrustException.class,
              e -> assertThat(e.refusal()).isEqualTo(TrustException.Refusal.NOT_SIGNED));

      Files.delete(headEnd.www().resolve("catalog.json.sig"));
      assertThatThrownBy(trusted::fetch)
          .isInstanceOfSatisfying(
              HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void aMalformedSignatureFileIsAFormatErrorNamingItsUrl() throws IOException {
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "")) {
      publishSigned(headEnd.www(), 3);
      Files.writeString(headEnd.www().resolve("catalog.json.sig"), "garbage");
      URI catalog = headEnd.uri("/catalog.json");

      assertThatThrownBy(trusted(catalog)::fetch)
          .isInstanceOfSatisfying(
              FormatException.class,
              e -> {
                assertThat(e.source()).isEqualTo(catalog + ".sig");
                assertThat(e).hasMessageStartingWith(catalog + ".sig: line 1, column 1");
              });
    }
  }

  private static TrustedCatalog trusted(URI catalogUri) {
    CatalogVerifier verifier =
        CatalogVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), "lab").build();
    return verifier.guard(catalogUri, new HttpTransport().catalog(catalogUri));
  }

  /** Writes a catalog and its signature file under {@code www}; returns the catalog. */
  static Path publishSigned(Path www, long serial) throws IOException {
    Path catalog = www.resolve("catalog.json");
    CatalogEntry player =
        CatalogEntry.of(
            "bin/player", "2.0.0", Sha256.parse("ab".repeat(32)), 10, URI.create("p.bin"));
    try (OutputStream out = Files.newOutputStream(catalog)) {
      CatalogJson.write(
          Catalog.of(serial, Instant.now().plusSeconds(3600), null, List.of(player))
              .withRepository("lab"),
          out);
    }
    Files.write(
        www.resolve("catalog.json.sig"),
        SignatureFiles.of(Files.readAllBytes(catalog), List.of(OPERATOR)));
    return catalog;
  }
}
