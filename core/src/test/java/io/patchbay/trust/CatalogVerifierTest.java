package io.patchbay.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.format.JsonLimits;
import io.patchbay.format.SignatureJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.EntryProof;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import io.patchbay.trust.TrustException.Refusal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's checks of a catalog and its signed statement, one rule per test. */
class CatalogVerifierTest {

  private static final String SOURCE = "https://head-end.example/catalog.json";
  private static final String REPOSITORY = "acme-prod";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(3600);
  private static final KeyPair OPERATOR = Ed25519Keys.generate();
  private static final KeyPair SECOND = Ed25519Keys.generate();
  private static final KeyPair STRANGER = Ed25519Keys.generate();

  @TempDir Path home;

  private SerialStore serials = SerialStore.inMemory();

  @Test
  void aSignedCatalogIsAcceptedWithProofsADeviceAccepts() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);

    Catalog accepted =
        verifier(1, OPERATOR).verify(SOURCE, in(document), signed(document, OPERATOR));

    assertThat(accepted.serial()).isEqualTo(7);
    assertThat(accepted.isVerified()).isTrue();
    assertThat(serials.accepted(REPOSITORY)).isPresent();
    CatalogEntry player = accepted.find("bin/player").orElseThrow();
    Optional<EntryProof> proof = accepted.proofOf(player);
    ProofVerifier device =
        ProofVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    assertThat(device.verify(proof, "bin/player", "2.0.0", 10, player.sha256()).serial())
        .isEqualTo(7);
  }

  @Test
  void aChangedDocumentIsNotTheSignedOne() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedStatement signed = signed(document, OPERATOR);
    byte[] tampered = replace(document, "2.0.0", "6.6.6");

    assertRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(tampered), signed), Refusal.NOT_SIGNED);
    assertThat(serials.accepted(REPOSITORY)).isEmpty();
  }

  @Test
  void aChangedStatementIsTampered() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedStatement signed = signed(document, OPERATOR);
    SignedStatement changed =
        new SignedStatement(
            signed.statement().replace("serial: 7", "serial: 8"), signed.signatures(), List.of());

    assertSignatureRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(document), changed), Refusal.TAMPERED, 0);
  }

  @Test
  void aCatalogSignedByAnUntrustedKeyOrByNobodyIsRefused() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedStatement unsigned =
        new SignedStatement(signed(document, OPERATOR).statement(), List.of(), List.of());

    assertSignatureRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(document), signed(document, STRANGER)),
        Refusal.UNKNOWN_KEYS,
        0);
    assertSignatureRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(document), unsigned),
        Refusal.UNKNOWN_KEYS,
        0);
  }

  @Test
  void fewerSignaturesThanTheThresholdAreRefusedAndOneKeyCountsOnce() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedStatement once = signed(document, OPERATOR);
    SignedStatement twice =
        new SignedStatement(
            once.statement(),
            List.of(once.signatures().get(0), once.signatures().get(0)),
            List.of());

    assertSignatureRefused(
        () -> verifier(2, OPERATOR, SECOND).verify(SOURCE, in(document), twice),
        Refusal.BELOW_THRESHOLD,
        1);
    assertThat(
            verifier(2, OPERATOR, SECOND)
                .verify(SOURCE, in(document), signed(document, OPERATOR, SECOND))
                .serial())
        .isEqualTo(7);
  }

  @Test
  void anExpiredStatementOrOneWithoutExpiryIsRefused() throws IOException {
    byte[] expired = catalog(REPOSITORY, 7, NOW.minusSeconds(1));
    byte[] neverExpires = catalog(REPOSITORY, 8, null);

    assertThatThrownBy(
            () -> verifier(1, OPERATOR).verify(SOURCE, in(expired), signed(expired, OPERATOR)))
        .isInstanceOfSatisfying(
            CatalogExpiredException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(Refusal.EXPIRED);
              assertThat(e.expires()).isEqualTo(NOW.minusSeconds(1));
              assertThat(e.now()).isEqualTo(NOW);
            });
    assertRefused(
        () ->
            verifier(1, OPERATOR).verify(SOURCE, in(neverExpires), signed(neverExpires, OPERATOR)),
        Refusal.EXPIRED);
    assertThat(serials.accepted(REPOSITORY)).isEmpty();
  }

  @Test
  void aCatalogSignedForAnotherRepositoryIsRefused() throws IOException {
    byte[] staging = catalog("acme-staging", 7, LATER);

    assertRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(staging), signed(staging, OPERATOR)),
        Refusal.WRONG_REPOSITORY);
    assertThat(serials.accepted(REPOSITORY)).isEmpty();
    assertThat(serials.accepted("acme-staging")).isEmpty();
  }

  @Test
  void anOlderSerialIsRefusedAlsoAfterARestartWhateverTheUri() throws IOException {
    serials = SerialStore.directory(home.resolve("state"));
    byte[] newer = catalog(REPOSITORY, 9, LATER);
    byte[] older = catalog(REPOSITORY, 8, LATER);
    verifier(1, OPERATOR).verify(SOURCE, in(newer), signed(newer, OPERATOR));

    serials = SerialStore.directory(home.resolve("state"));
    assertThatThrownBy(
            () ->
                verifier(1, OPERATOR)
                    .verify(
                        "https://HEAD-END.example:443/catalog.json",
                        in(older),
                        signed(older, OPERATOR)))
        .isInstanceOfSatisfying(
            CatalogRollbackException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(Refusal.ROLLBACK);
              assertThat(e.acceptedSerial()).isEqualTo(9);
              assertThat(e.offeredSerial()).isEqualTo(8);
            });
    assertThat(verifier(1, OPERATOR).verify(SOURCE, in(newer), signed(newer, OPERATOR)).serial())
        .isEqualTo(9);
  }

  @Test
  void anotherCatalogUnderAnAcceptedSerialIsRefused() throws IOException {
    byte[] first = catalog(REPOSITORY, 9, LATER);
    byte[] other = replace(first, "2.0.0", "2.0.1");
    verifier(1, OPERATOR).verify(SOURCE, in(first), signed(first, OPERATOR));

    assertRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(other), signed(other, OPERATOR)),
        Refusal.ROLLBACK);
  }

  @Test
  void aStatementThatDisagreesWithItsDocumentIsRefused() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    CatalogStatement honest = CatalogSigner.statement(in(document), JsonLimits.defaults());
    CatalogStatement otherSerial =
        new CatalogStatement(
            REPOSITORY, 99, honest.expires(), honest.catalog(), honest.entries(), honest.root());
    SignedStatement signed = CatalogSigner.sign(otherSerial, List.of(OPERATOR), List.of());

    assertRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(document), signed), Refusal.NOT_SIGNED);
    assertThat(serials.accepted(REPOSITORY)).isEmpty();
  }

  @Test
  void aSignedButMalformedCatalogIsAFormatError() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    byte[] malformed = "{\"schemaVersion\": 1, \"serial\": -1}".getBytes(StandardCharsets.UTF_8);
    CatalogStatement honest = CatalogSigner.statement(in(document), JsonLimits.defaults());
    CatalogStatement ofMalformed =
        new CatalogStatement(
            REPOSITORY,
            7,
            LATER,
            Sha256.of(VerifyingCopy.newSha256().digest(malformed)),
            honest.entries(),
            honest.root());

    assertThatThrownBy(
            () ->
                verifier(1, OPERATOR)
                    .verify(
                        SOURCE,
                        in(malformed),
                        CatalogSigner.sign(ofMalformed, List.of(OPERATOR), List.of())))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void aDocumentThatIsNotTheSignedOneIsRefusedBeforeItIsParsed() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    // Nested too deep to parse within the limits: parsing it first would be a FormatException.
    byte[] hostile = "[".repeat(10_000).getBytes(StandardCharsets.UTF_8);

    assertRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(hostile), signed(document, OPERATOR)),
        Refusal.NOT_SIGNED);
    assertThat(serials.accepted(REPOSITORY)).isEmpty();
    assertSpoolEmpty();
  }

  @Test
  void anEndlessDocumentIsCutOffAtTheSizeLimit() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    long limit = 1024 * 1024;
    Endless endless = new Endless();
    CatalogVerifier verifier =
        verifier(JsonLimits.defaults().withMaxDocumentBytes(limit), 1, OPERATOR);

    assertThatThrownBy(() -> verifier.verify(SOURCE, endless, signed(document, OPERATOR)))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE);
              assertThat(e.source()).isEqualTo(SOURCE);
            });
    assertThat(endless.read).isBetween(limit, limit + 64 * 1024);
    assertSpoolEmpty();
  }

  @Test
  void aStatementSigningMoreEntriesThanTheLimitIsRefusedWithoutReadingTheDocument()
      throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    Endless endless = new Endless();
    CatalogVerifier verifier = verifier(JsonLimits.defaults().withMaxEntries(1), 1, OPERATOR);

    assertThatThrownBy(() -> verifier.verify(SOURCE, endless, signed(document, OPERATOR)))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE));
    assertThat(endless.read).isZero();
  }

  @Test
  void theSpooledDocumentIsPrivateWhileReadAndGoneAfterwards() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    List<Set<PosixFilePermission>> seen = new ArrayList<>();
    InputStream watched =
        new ByteArrayInputStream(document) {
          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
              try (var files = Files.list(spool())) {
                for (Path file : files.toList()) {
                  seen.add(Files.getPosixFilePermissions(file));
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return n;
          }
        };

    verifier(1, OPERATOR).verify(SOURCE, watched, signed(document, OPERATOR));

    assertThat(seen)
        .containsExactly(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertSpoolEmpty();
  }

  @Test
  void rootRotationRevokesAStolenKeyAndIsRemembered() throws IOException {
    serials = SerialStore.directory(home.resolve("state"));
    SignedRoot first = root(1, List.of(OPERATOR), OPERATOR);
    SignedRoot second = root(2, List.of(SECOND), OPERATOR, SECOND);
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedStatement bySecond =
        CatalogSigner.sign(statement(document), List.of(SECOND), List.of(first, second));

    assertThat(verifier(1, OPERATOR).verify(SOURCE, in(document), bySecond).serial()).isEqualTo(7);

    // The stolen key still signs, but version 2 dropped it.
    byte[] forged = catalog(REPOSITORY, 8, LATER);
    SignedStatement byStolen =
        CatalogSigner.sign(statement(forged), List.of(OPERATOR), List.of(first, second));
    assertSignatureRefused(
        () -> verifier(1, OPERATOR).verify(SOURCE, in(forged), byStolen), Refusal.UNKNOWN_KEYS, 0);
    // After a restart, with only the old key pinned and no roots offered, version 2 still holds.
    serials = SerialStore.directory(home.resolve("state"));
    byte[] next = catalog(REPOSITORY, 9, LATER);
    SignedStatement plain = CatalogSigner.sign(statement(next), List.of(SECOND), List.of());
    assertThat(verifier(1, OPERATOR).verify(SOURCE, in(next), plain).serial()).isEqualTo(9);
    assertSignatureRefused(
        () ->
            verifier(1, OPERATOR)
                .verify(
                    SOURCE,
                    in(next),
                    CatalogSigner.sign(statement(next), List.of(OPERATOR), List.of())),
        Refusal.UNKNOWN_KEYS,
        0);
  }

  @Test
  void aRootNotSignedByThePreviousKeysOrOutOfSequenceIsRefused() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedRoot first = root(1, List.of(OPERATOR), OPERATOR);
    SignedRoot selfSigned = root(2, List.of(STRANGER), STRANGER);
    SignedRoot skipped = root(3, List.of(STRANGER), OPERATOR, STRANGER);

    assertSignatureRefused(
        () ->
            verifier(1, OPERATOR)
                .verify(
                    SOURCE,
                    in(document),
                    CatalogSigner.sign(
                        statement(document), List.of(STRANGER), List.of(first, selfSigned))),
        Refusal.UNKNOWN_KEYS,
        0);
    assertRefused(
        () ->
            verifier(1, OPERATOR)
                .verify(
                    SOURCE,
                    in(document),
                    CatalogSigner.sign(
                        statement(document), List.of(STRANGER), List.of(first, skipped))),
        Refusal.ROOT_REJECTED);
    assertThat(serials.accepted(REPOSITORY)).isEmpty();
  }

  @Test
  void anExpiredRootIsAFreeze() throws IOException {
    byte[] document = catalog(REPOSITORY, 7, LATER);
    SignedRoot expired =
        CatalogSigner.sign(
            new RootDocument(REPOSITORY, 1, NOW.minusSeconds(1), 1, List.of(OPERATOR.getPublic())),
            List.of(OPERATOR));

    assertRefused(
        () ->
            verifier(1, OPERATOR)
                .verify(
                    SOURCE,
                    in(document),
                    CatalogSigner.sign(statement(document), List.of(OPERATOR), List.of(expired))),
        Refusal.EXPIRED);
  }

  @Test
  void signatureFilesAndKeysRoundTripThroughTheirFiles() throws IOException {
    Ed25519Keys.writePrivate(OPERATOR, home.resolve("operator.key"));
    Ed25519Keys.writePublic(OPERATOR.getPublic(), home.resolve("operator.pub"));
    byte[] document = catalog(REPOSITORY, 7, LATER);
    KeyPair read = Ed25519Keys.readPrivate(home.resolve("operator.key"));
    SignedStatement signed =
        CatalogSigner.sign(
            statement(document), List.of(read, STRANGER), List.of(root(1, List.of(read), read)));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    SignatureJson.write(signed, file);

    SignedStatement back = SignatureJson.read(new ByteArrayInputStream(file.toByteArray()));

    assertThat(back).isEqualTo(signed);
    assertThat(Files.getPosixFilePermissions(home.resolve("operator.key"))).hasSize(2);
    assertThat(verifier(1, OPERATOR).verify(SOURCE, in(document), back).serial()).isEqualTo(7);
    assertThatThrownBy(() -> Ed25519Keys.readPrivate(home.resolve("operator.pub")))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("PRIVATE KEY");
  }

  @Test
  void aSignatureFileWithABadKeyIdIsAFormatError() {
    byte[] file =
        "{\"schemaVersion\":1,\"statement\":\"x\",\"signatures\":[{\"keyid\":\"ABC\",\"sig\":\"AAAA\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SignatureJson.read(new ByteArrayInputStream(file)))
        .isInstanceOfSatisfying(
            FormatException.class, e -> assertThat(e.getMessage()).contains("keyid"));
  }

  private CatalogVerifier verifier(int threshold, KeyPair... trusted) throws IOException {
    return verifier(JsonLimits.defaults(), threshold, trusted);
  }

  private CatalogVerifier verifier(JsonLimits limits, int threshold, KeyPair... trusted)
      throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (KeyPair pair : trusted) {
      keys.add(pair.getPublic());
    }
    return CatalogVerifier.builder(TrustPolicy.of(threshold, keys), REPOSITORY)
        .serials(serials)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .limits(limits)
        .spoolDirectory(Files.createDirectories(spool()))
        .build();
  }

  private Path spool() {
    return home.resolve("spool");
  }

  private void assertSpoolEmpty() throws IOException {
    try (var files = Files.list(spool())) {
      assertThat(files).isEmpty();
    }
  }

  /** An endless stream of what is not JSON, counting what was read from it. */
  private static final class Endless extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 'x';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 'x');
      read += length;
      return length;
    }
  }

  private static SignedRoot root(long version, List<KeyPair> keys, KeyPair... signers) {
    List<PublicKey> trusted = keys.stream().map(KeyPair::getPublic).toList();
    return CatalogSigner.sign(
        new RootDocument(REPOSITORY, version, NOW.plusSeconds(86_400), 1, trusted),
        List.of(signers));
  }

  static byte[] catalog(String repository, long serial, Instant expires) throws IOException {
    CatalogEntry player =
        CatalogEntry.of(
            "bin/player", "2.0.0", Sha256.parse("ab".repeat(32)), 10, URI.create("p.bin"));
    CatalogEntry shell =
        CatalogEntry.of(
            "bin/shell", "1.0.0", Sha256.parse("cd".repeat(32)), 20, URI.create("s.bin"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogJson.write(
        Catalog.of(serial, expires, null, List.of(player, shell)).withRepository(repository), out);
    return out.toByteArray();
  }

  private static CatalogStatement statement(byte[] document) throws IOException {
    return CatalogSigner.statement(in(document), JsonLimits.defaults());
  }

  private static SignedStatement signed(byte[] document, KeyPair... keys) throws IOException {
    return CatalogSigner.sign(statement(document), List.of(keys), List.of());
  }

  private static byte[] replace(byte[] document, String from, String to) {
    return new String(document, StandardCharsets.UTF_8)
        .replace(from, to)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ByteArrayInputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static void assertRefused(ThrowingCallable verification, Refusal refusal) {
    assertThatThrownBy(verification)
        .isInstanceOfSatisfying(
            TrustException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }

  private static void assertSignatureRefused(
      ThrowingCallable verification, Refusal refusal, int valid) {
    assertThatThrownBy(verification)
        .isInstanceOfSatisfying(
            CatalogSignatureException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(refusal);
              assertThat(e.validSignatures()).isEqualTo(valid);
              assertThat(e.source()).isEqualTo(SOURCE);
            });
  }
}
