package io.patchbay.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.Sha256;
import io.patchbay.trust.CatalogSignatureException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogVerifierTest {

  private static final String SOURCE = "https://head-end.example/catalog.json";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final KeyPair OPERATOR = Ed25519Keys.generate();
  private static final KeyPair SECOND = Ed25519Keys.generate();
  private static final KeyPair STRANGER = Ed25519Keys.generate();

  @TempDir Path home;

  private final SerialStore serials = SerialStore.inMemory();

  @Test
  void aCatalogSignedByATrustedKeyIsAccepted() throws IOException {
    byte[] document = catalog(7, NOW.plusSeconds(3600));

    Catalog accepted =
        verifier(1, OPERATOR).verify(SOURCE, in(document), List.of(sign(document, OPERATOR)));

    assertThat(accepted.serial()).isEqualTo(7);
    assertThat(serials.accepted(SOURCE)).map(SerialStore.Accepted::serial).contains(7L);
  }

  @Test
  void aChangedCatalogIsRejectedAsTampered() throws IOException {
    byte[] document = catalog(7, NOW.plusSeconds(3600));
    CatalogSignature signature = sign(document, OPERATOR);
    byte[] tampered =
        new String(document, StandardCharsets.UTF_8)
            .replace("2.0.0", "6.6.6")
            .getBytes(StandardCharsets.UTF_8);

    assertRejected(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(tampered), List.of(signature)),
        Reason.TAMPERED,
        0);
    assertThat(serials.accepted(SOURCE)).isEmpty();
  }

  @Test
  void aCatalogSignedByAnUntrustedKeyIsRejected() throws IOException {
    byte[] document = catalog(7, NOW.plusSeconds(3600));

    assertRejected(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(document), List.of(sign(document, STRANGER))),
        Reason.UNKNOWN_KEYS,
        0);
    assertRejected(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(document), List.of()),
        Reason.UNKNOWN_KEYS,
        0);
  }

  @Test
  void fewerSignaturesThanTheThresholdAreRejectedAndOneKeyCountsOnce() throws IOException {
    byte[] document = catalog(7, NOW.plusSeconds(3600));
    CatalogSignature once = sign(document, OPERATOR);

    assertRejected(
        () -> verifier(2, OPERATOR, SECOND).verify(SOURCE, in(document), List.of(once, once)),
        Reason.BELOW_THRESHOLD,
        1);
    assertThat(
            verifier(2, OPERATOR, SECOND)
                .verify(SOURCE, in(document), List.of(once, sign(document, SECOND)))
                .serial())
        .isEqualTo(7);
  }

  @Test
  void keysRotateWithoutAFlagDay() throws IOException {
    // The head end signs with the old and the new key while gateways move from one to the other.
    byte[] document = catalog(7, NOW.plusSeconds(3600));
    List<CatalogSignature> both = List.of(sign(document, OPERATOR), sign(document, SECOND));

    assertThat(verifier(1, OPERATOR).verify(SOURCE, in(document), both).serial()).isEqualTo(7);
    assertThat(verifier(1, SECOND).verify(SOURCE, in(document), both).serial()).isEqualTo(7);
    assertThat(verifier(2, OPERATOR, SECOND).verify(SOURCE, in(document), both).serial())
        .isEqualTo(7);
  }

  @Test
  void anExpiredCatalogOrOneWithoutExpiryIsRejected() throws IOException {
    byte[] expired = catalog(7, NOW.minusSeconds(1));
    byte[] neverExpires = catalog(8, null);

    assertThatThrownBy(
            () ->
                verifier(1, OPERATOR).verify(SOURCE, in(expired), List.of(sign(expired, OPERATOR))))
        .isInstanceOfSatisfying(
            CatalogExpiredException.class,
            e -> {
              assertThat(e.expires()).isEqualTo(NOW.minusSeconds(1));
              assertThat(e.now()).isEqualTo(NOW);
            });
    assertThatThrownBy(
            () ->
                verifier(1, OPERATOR)
                    .verify(SOURCE, in(neverExpires), List.of(sign(neverExpires, OPERATOR))))
        .isInstanceOfSatisfying(
            CatalogExpiredException.class, e -> assertThat(e.expires()).isNull());
    assertThat(serials.accepted(SOURCE)).isEmpty();
  }

  @Test
  void anOlderSerialIsRejectedAlsoAfterARestart() throws IOException {
    Path file = home.resolve("serials");
    byte[] newer = catalog(9, NOW.plusSeconds(3600));
    byte[] older = catalog(8, NOW.plusSeconds(3600));
    verifierWith(SerialStore.file(file)).verify(SOURCE, in(newer), List.of(sign(newer, OPERATOR)));

    CatalogVerifier afterRestart = verifierWith(SerialStore.file(file));

    assertThatThrownBy(() -> afterRestart.verify(SOURCE, in(older), List.of(sign(older, OPERATOR))))
        .isInstanceOfSatisfying(
            CatalogRollbackException.class,
            e -> {
              assertThat(e.acceptedSerial()).isEqualTo(9);
              assertThat(e.offeredSerial()).isEqualTo(8);
            });
    assertThat(afterRestart.verify(SOURCE, in(newer), List.of(sign(newer, OPERATOR))).serial())
        .as("the same catalog again is fine")
        .isEqualTo(9);
    assertThat(
            afterRestart
                .verify(
                    "https://other-head-end/catalog.json",
                    in(older),
                    List.of(sign(older, OPERATOR)))
                .serial())
        .as("serials are kept per head end")
        .isEqualTo(8);
  }

  @Test
  void anotherCatalogUnderAnAcceptedSerialIsRejected() throws IOException {
    byte[] first = catalog(9, NOW.plusSeconds(3600));
    byte[] other = catalog(9, NOW.plusSeconds(7200));
    CatalogVerifier verifier = verifier(1, OPERATOR);
    verifier.verify(SOURCE, in(first), List.of(sign(first, OPERATOR)));

    assertThatThrownBy(() -> verifier.verify(SOURCE, in(other), List.of(sign(other, OPERATOR))))
        .isInstanceOf(CatalogRollbackException.class)
        .hasMessageContaining("other content");
  }

  @Test
  void aSignedButMalformedCatalogIsAFormatErrorAndAnUnsignedOneASignatureError() {
    byte[] malformed = "{\"schemaVersion\": 1, \"serial\": -1}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                verifier(1, OPERATOR)
                    .verify(SOURCE, in(malformed), List.of(sign(malformed, OPERATOR))))
        .isInstanceOf(FormatException.class);
    assertRejected(
        () ->
            verifier(1, OPERATOR).verify(SOURCE, in(malformed), List.of(sign(malformed, STRANGER))),
        Reason.UNKNOWN_KEYS,
        0);
  }

  @Test
  void keysAndSignatureFilesRoundTripThroughTheirFiles() throws IOException {
    Ed25519Keys.writePrivate(OPERATOR, home.resolve("operator.key"));
    Ed25519Keys.writePublic(OPERATOR.getPublic(), home.resolve("operator.pub"));
    byte[] document = catalog(7, NOW.plusSeconds(3600));
    KeyPair read = Ed25519Keys.readPrivate(home.resolve("operator.key"));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    SignatureJson.write(
        CatalogSigner.with(List.of(sign(document, STRANGER)), sign(document, read)), file);

    List<CatalogSignature> signatures =
        SignatureJson.read(new ByteArrayInputStream(file.toByteArray()));

    assertThat(Ed25519Keys.keyId(Ed25519Keys.readPublic(home.resolve("operator.pub"))))
        .isEqualTo(Ed25519Keys.keyId(OPERATOR.getPublic()));
    assertThat(Files.getPosixFilePermissions(home.resolve("operator.key"))).hasSize(2);
    assertThat(signatures).hasSize(2);
    assertThat(verifier(1, OPERATOR).verify(SOURCE, in(document), signatures).serial())
        .isEqualTo(7);
    assertThatThrownBy(() -> Ed25519Keys.readPrivate(home.resolve("operator.pub")))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("PRIVATE KEY");
    Path mismatched = home.resolve("mismatched.key");
    String operatorKey = Files.readString(home.resolve("operator.key"));
    Ed25519Keys.writePublic(STRANGER.getPublic(), home.resolve("stranger.pub"));
    Files.writeString(
        mismatched,
        operatorKey.substring(0, operatorKey.indexOf("-----BEGIN PUBLIC KEY"))
            + Files.readString(home.resolve("stranger.pub")));
    assertThatThrownBy(() -> Ed25519Keys.readPrivate(mismatched))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("not the private key's");
  }

  @Test
  void aSignatureFileWithABadKeyIdIsAFormatErrorWithItsPosition() {
    byte[] file =
        "{\"schemaVersion\":1,\"signatures\":[{\"keyid\":\"ABC\",\"sig\":\"AAAA\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SignatureJson.read(new ByteArrayInputStream(file)))
        .isInstanceOfSatisfying(
            FormatException.class, e -> assertThat(e.getMessage()).contains("keyid"));
  }

  private CatalogVerifier verifier(int threshold, KeyPair... trusted) {
    List<java.security.PublicKey> keys = new ArrayList<>();
    for (KeyPair pair : trusted) {
      keys.add(pair.getPublic());
    }
    return CatalogVerifier.builder(TrustPolicy.of(threshold, keys))
        .serials(serials)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private CatalogVerifier verifierWith(SerialStore store) {
    return CatalogVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())))
        .serials(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static byte[] catalog(long serial, Instant expires) throws IOException {
    CatalogEntry player =
        CatalogEntry.of(
            "bin/player", "2.0.0", Sha256.parse("ab".repeat(32)), 10, URI.create("p.bin"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogJson.write(Catalog.of(serial, expires, null, List.of(player)), out);
    return out.toByteArray();
  }

  private static CatalogSignature sign(byte[] document, KeyPair key) throws IOException {
    return CatalogSigner.sign(in(document), key);
  }

  private static ByteArrayInputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static void assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable verification,
      Reason reason,
      int valid) {
    assertThatThrownBy(verification)
        .isInstanceOfSatisfying(
            CatalogSignatureException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.validSignatures()).isEqualTo(valid);
              assertThat(e.source()).isEqualTo(SOURCE);
            });
  }
}
