package io.patchbay.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.JsonLimits;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our signatures against OpenSSL's, as docs/signing.md promises: a head end can sign with OpenSSL
 * and our keys, or with our tool and OpenSSL's keys. Needs the {@code openssl} command (3.0 or
 * later); the test fails without it.
 */
@Tag("interop")
class OpensslInteropTest {

  @TempDir Path home;

  @Test
  void aSignatureMadeByOpensslWithOurKeyFileIsAccepted() throws Exception {
    KeyPair operator = Ed25519Keys.generate();
    Path key = home.resolve("operator.key");
    Ed25519Keys.writePrivate(operator, key);
    Path catalog = catalog();
    Path statement = home.resolve("statement");
    String text = statementOf(catalog).text();
    Files.writeString(statement, text, StandardCharsets.UTF_8);

    openssl(
        "pkeyutl",
        "-sign",
        "-rawin",
        "-inkey",
        key.toString(),
        "-in",
        statement.toString(),
        "-out",
        home.resolve("sig.bin").toString());

    CatalogSignature signature =
        new CatalogSignature(
            Ed25519Keys.keyId(operator.getPublic()), Files.readAllBytes(home.resolve("sig.bin")));
    assertThat(
            verify(catalog, operator, new SignedStatement(text, List.of(signature), List.of()))
                .serial())
        .isEqualTo(5);
  }

  @Test
  void aKeyGeneratedByOpensslSignsThroughOurSigner() throws Exception {
    Path key = home.resolve("openssl.key");
    openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
    Path publicKey = home.resolve("openssl.pub");
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", publicKey.toString());
    // Our private key files carry the public key too (docs/signing.md): append it.
    Files.writeString(key, Files.readString(key) + Files.readString(publicKey));
    KeyPair pair = Ed25519Keys.readPrivate(key);
    Path catalog = catalog();

    SignedStatement signed = CatalogSigner.sign(statementOf(catalog), List.of(pair), List.of());

    assertThat(signed.signatures().get(0).keyId())
        .isEqualTo(Ed25519Keys.keyId(Ed25519Keys.readPublic(publicKey)));
    assertThat(verify(catalog, pair, signed).serial()).isEqualTo(5);
  }

  private Catalog verify(Path catalog, KeyPair trusted, SignedStatement signed) throws IOException {
    CatalogVerifier verifier =
        CatalogVerifier.builder(TrustPolicy.of(1, List.of(trusted.getPublic())), "lab").build();
    try (InputStream in = Files.newInputStream(catalog)) {
      return verifier.verify("file:catalog.json", in, signed);
    }
  }

  private static CatalogStatement statementOf(Path catalog) throws IOException {
    try (InputStream in = Files.newInputStream(catalog)) {
      return CatalogSigner.statement(in, JsonLimits.defaults());
    }
  }

  private Path catalog() throws IOException {
    Path file = home.resolve("catalog.json");
    CatalogEntry player =
        CatalogEntry.of("bin/player", "2.0.0", Sha256.parse("cd".repeat(32)), 3, URI.create("p"));
    try (OutputStream out = Files.newOutputStream(file)) {
      CatalogJson.write(
          Catalog.of(5, Instant.now().plusSeconds(600), null, List.of(player))
              .withRepository("lab"),
          out);
    }
    return file;
  }

  private void openssl(String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("openssl %s: %s", arguments[0], output).isZero();
  }
}
