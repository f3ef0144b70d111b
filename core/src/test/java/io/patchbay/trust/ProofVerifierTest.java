package io.patchbay.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.JsonLimits;
import io.patchbay.format.SignatureJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.EntryProof;
import io.patchbay.model.Provenance;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import io.patchbay.trust.TrustException.Refusal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device's check of one file against the head end's signature, without the catalog: the
 * TUF/Uptane attacks on a device, one per test, through the proofs a gateway really makes.
 */
class ProofVerifierTest {

  private static final String REPOSITORY = "acme-prod";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final KeyPair OPERATOR = Ed25519Keys.generate();
  private static final KeyPair NEXT = Ed25519Keys.generate();
  private static final KeyPair STRANGER = Ed25519Keys.generate();

  @TempDir Path home;

  private SerialStore deviceState = SerialStore.inMemory();

  @Test
  void theSignedFileIsAcceptedAndTheSameProofAgainToo() throws IOException {
    Published v7 =
        publish(REPOSITORY, 7, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "2.0.0");

    assertThat(verify(device(), v7.proof("bin/player"), v7.entry("bin/player")).serial())
        .isEqualTo(7);
    assertThat(verify(device(), v7.proof("bin/player"), v7.entry("bin/player")).serial())
        .isEqualTo(7);
  }

  @Test
  void aFileWithoutProofIsUnsigned() {
    assertRefused(
        () ->
            device()
                .verify(Optional.empty(), "bin/player", "6.6.6", 3, Sha256.parse("ab".repeat(32))),
        Refusal.UNSIGNED);
  }

  @Test
  void otherBytesVersionOrNameUnderAValidProofAreNotSigned() throws IOException {
    Published v7 =
        publish(REPOSITORY, 7, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "2.0.0");
    EntryProof proof = v7.proof("bin/player");
    CatalogEntry player = v7.entry("bin/player");
    ProofVerifier device = device();

    assertRefused(
        () ->
            device.verify(
                Optional.of(proof),
                "bin/player",
                "2.0.0",
                player.size(),
                Sha256.parse("ee".repeat(32))),
        Refusal.NOT_SIGNED);
    assertRefused(
        () ->
            device.verify(
                Optional.of(proof), "bin/player", "9.9.9", player.size(), player.sha256()),
        Refusal.NOT_SIGNED);
    assertRefused(() -> verify(device, proof, v7.entry("bin/shell")), Refusal.NOT_SIGNED);
    assertThat(deviceState.accepted(REPOSITORY)).isEmpty();
  }

  @Test
  void mixAndMatchAProofFromAnotherCatalogIsNotSigned() throws IOException {
    Published v7 =
        publish(REPOSITORY, 7, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "2.0.0");
    Published v8 =
        publish(REPOSITORY, 8, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "3.0.0");

    assertRefused(
        () -> verify(device(), v8.proof("bin/player"), v7.entry("bin/player")), Refusal.NOT_SIGNED);
  }

  @Test
  void rollbackAndReplayAreRefusedAlsoAfterARestart() throws IOException {
    deviceState = SerialStore.directory(home.resolve("device-trust"));
    Published v7 =
        publish(REPOSITORY, 7, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "2.0.0");
    Published v8 =
        publish(REPOSITORY, 8, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "3.0.0");
    verify(device(), v8.proof("bin/player"), v8.entry("bin/player"));

    deviceState = SerialStore.directory(home.resolve("device-trust"));
    assertRefused(
        () -> verify(device(), v7.proof("bin/player"), v7.entry("bin/player")), Refusal.ROLLBACK);
    assertRefused(
        () -> verify(device(), v7.proof("bin/shell"), v7.entry("bin/shell")), Refusal.ROLLBACK);
    assertThat(verify(device(), v8.proof("bin/shell"), v8.entry("bin/shell")).serial())
        .isEqualTo(8);
  }

  @Test
  void anExpiredStatementIsAFreeze() throws IOException {
    Published stale = publish(REPOSITORY, 7, NOW, List.of(OPERATOR), List.of(), "2.0.0");

    assertRefused(
        () -> verify(device(), stale.proof("bin/player"), stale.entry("bin/player")),
        Refusal.EXPIRED);
  }

  @Test
  void aProofForAnotherRepositoryIsRefused() throws IOException {
    Published staging =
        publish("acme-staging", 7, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "2.0.0");

    assertRefused(
        () -> verify(device(), staging.proof("bin/player"), staging.entry("bin/player")),
        Refusal.WRONG_REPOSITORY);
  }

  @Test
  void aStrangersSignatureIsRefused() throws IOException {
    Published forged =
        publish(REPOSITORY, 7, NOW.plusSeconds(3600), List.of(STRANGER), List.of(), "6.6.6");

    assertRefused(
        () -> verify(device(), forged.proof("bin/player"), forged.entry("bin/player")),
        Refusal.UNKNOWN_KEYS);
  }

  @Test
  void afterRotationTheRevokedKeyNoLongerSigns() throws IOException {
    Instant year = NOW.plusSeconds(365L * 86_400);
    SignedRoot first =
        CatalogSigner.sign(
            new RootDocument(REPOSITORY, 1, year, 1, List.of(OPERATOR.getPublic())),
            List.of(OPERATOR));
    SignedRoot second =
        CatalogSigner.sign(
            new RootDocument(REPOSITORY, 2, year, 1, List.of(NEXT.getPublic())),
            List.of(OPERATOR, NEXT));
    Published rotated =
        publish(
            REPOSITORY, 7, NOW.plusSeconds(3600), List.of(NEXT), List.of(first, second), "2.0.0");
    Published byRevoked =
        publish(REPOSITORY, 8, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(first), "6.6.6");
    ProofVerifier device = device();

    assertThat(verify(device, rotated.proof("bin/player"), rotated.entry("bin/player")).serial())
        .isEqualTo(7);
    assertRefused(
        () -> verify(device, byRevoked.proof("bin/player"), byRevoked.entry("bin/player")),
        Refusal.UNKNOWN_KEYS);
  }

  @Test
  void aProofSurvivesItsJsonForm() throws IOException {
    Published v7 =
        publish(REPOSITORY, 7, NOW.plusSeconds(3600), List.of(OPERATOR), List.of(), "2.0.0");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    SignatureJson.writeProof(v7.proof("bin/player"), json);

    EntryProof read = SignatureJson.readProof(new ByteArrayInputStream(json.toByteArray()));

    assertThat(read).isEqualTo(v7.proof("bin/player"));
    assertThat(json.size()).isLessThan(2048);
  }

  private ProofVerifier device() {
    return ProofVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
        .serials(deviceState)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static CatalogStatement verify(ProofVerifier device, EntryProof proof, CatalogEntry file)
      throws IOException {
    return device.verify(
        Optional.of(proof), file.name(), file.version(), file.size(), file.sha256());
  }

  /** A catalog as a gateway holds it after verifying it, so its proofs are the real ones. */
  private record Published(Catalog catalog) {
    EntryProof proof(String name) {
      return catalog.proofOf(entry(name)).orElseThrow();
    }

    CatalogEntry entry(String name) {
      return catalog.find(name).orElseThrow();
    }
  }

  private static Published publish(
      String repository,
      long serial,
      Instant expires,
      List<KeyPair> signers,
      List<SignedRoot> roots,
      String playerVersion)
      throws IOException {
    List<CatalogEntry> entries = new ArrayList<>();
    entries.add(entry("bin/player", playerVersion));
    entries.add(entry("bin/shell", "1.0.0"));
    for (int i = 0; i < 5; i++) {
      entries.add(entry("lib/module-" + i, "1." + i + ".0"));
    }
    ByteArrayOutputStream document = new ByteArrayOutputStream();
    CatalogJson.write(
        Catalog.of(serial, expires, null, entries).withRepository(repository), document);
    byte[] bytes = document.toByteArray();
    SignedStatement signed =
        CatalogSigner.sign(
            CatalogSigner.statement(new ByteArrayInputStream(bytes), JsonLimits.defaults()),
            signers,
            roots);
    // The head end's own view: verify as a gateway trusting whoever signed, to get the provenance.
    Catalog verified =
        CatalogVerifier.builder(TrustPolicy.of(1, List.of(signers.get(0).getPublic())), repository)
            .clock(Clock.fixed(NOW.minusSeconds(1), ZoneOffset.UTC))
            .build()
            .verify("test", new ByteArrayInputStream(bytes), withoutRoots(signed));
    return new Published(
        verified.withProvenance(new Provenance(signed, verified.provenance().tree())));
  }

  private static SignedStatement withoutRoots(SignedStatement signed) {
    return new SignedStatement(signed.statement(), signed.signatures(), List.of());
  }

  private static CatalogEntry entry(String name, String version) {
    byte[] content = (name + " " + version).getBytes(StandardCharsets.UTF_8);
    return CatalogEntry.of(
        name,
        version,
        Sha256.of(VerifyingCopy.newSha256().digest(content)),
        content.length,
        URI.create(name));
  }

  private static void assertRefused(ThrowingCallable verification, Refusal refusal) {
    assertThatThrownBy(verification)
        .isInstanceOfSatisfying(
            TrustException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }
}
