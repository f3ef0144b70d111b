package io.patchbay.trust;

import io.patchbay.model.CatalogSignature;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import io.patchbay.trust.TrustException.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks gateways and devices share: walk the root documents from the trusted one, then check a
 * statement's signatures by today's keys, its repository, expiry and serial against what was
 * accepted before. {@link #check} changes nothing; {@link #accept} records what it checked.
 */
final class StatementVerifier {

  /** A statement that passed every check, and the state to record once the caller accepts it. */
  record Checked(CatalogStatement statement, SignedStatement toStore) {}

  private final TrustPolicy anchor;
  private final String repository;
  private final SerialStore store;
  private final Clock clock;
  private final boolean requireExpiry;

  StatementVerifier(
      TrustPolicy anchor,
      String repository,
      SerialStore store,
      Clock clock,
      boolean requireExpiry) {
    this.anchor = anchor;
    this.repository = repository;
    this.store = store;
    this.clock = clock;
    this.requireExpiry = requireExpiry;
  }

  /**
   * Checks {@code signed}, from {@code source}, without recording anything.
   *
   * @throws TrustException naming the first rule it breaks
   * @throws IOException if the stored state cannot be read
   */
  synchronized Checked check(String source, SignedStatement signed) throws IOException {
    Optional<SignedStatement> last = store.accepted(repository);
    Trusted trusted = walkRoots(source, trustedRoot(last), signed.roots());
    Instant now = clock.instant();
    if (trusted.document != null && !now.isBefore(trusted.document.expires())) {
      throw new TrustException(
          source,
          Refusal.EXPIRED,
          "Root version "
              + trusted.document.version()
              + " of "
              + repository
              + " expired at "
              + trusted.document.expires()
              + " (now "
              + now
              + "); a newer root must be published");
    }
    requireSigned(
        source, "Catalog statement", trusted.policy(), signed.statement(), signed.signatures());
    CatalogStatement statement = CatalogStatement.parse(source, signed.statement());
    requireRepository(source, statement.repository());
    if (statement.expires() == null ? requireExpiry : statement.isExpiredAt(now)) {
      throw new CatalogExpiredException(source, statement.expires(), now);
    }
    requireNoRollback(source, statement, signed.statement(), last);
    List<SignedRoot> root = trusted.signed == null ? List.of() : List.of(trusted.signed);
    return new Checked(
        statement, new SignedStatement(signed.statement(), signed.signatures(), root));
  }

  /**
   * Records {@code checked} as accepted, unless a newer statement was accepted since it was
   * checked.
   *
   * @throws CatalogRollbackException if one was
   * @throws IOException if it cannot be recorded
   */
  synchronized void accept(String source, Checked checked) throws IOException {
    Optional<SignedStatement> last = store.accepted(repository);
    requireNoRollback(source, checked.statement(), checked.toStore().statement(), last);
    if (last.isEmpty() || !last.get().equals(checked.toStore())) {
      store.accept(repository, checked.toStore());
    }
  }

  /** The newest of {@code roots}, walked from the pinned keys alone; for {@link RootChain}. */
  RootDocument walk(String source, List<SignedRoot> roots) {
    return walkRoots(source, new Trusted(null, null, anchor), roots).document;
  }

  /** The root keys trust is walked from: the last accepted root, or else the pinned keys. */
  private record Trusted(RootDocument document, SignedRoot signed, TrustPolicy pinned) {
    TrustPolicy policy() {
      return document == null ? pinned : document.policy();
    }

    long version() {
      return document == null ? 0 : document.version();
    }
  }

  private Trusted trustedRoot(Optional<SignedStatement> last) {
    if (last.isPresent() && !last.get().roots().isEmpty()) {
      SignedRoot stored = last.get().roots().get(0);
      return new Trusted(RootDocument.parse("the serial store", stored.document()), stored, anchor);
    }
    return new Trusted(null, null, anchor);
  }

  private Trusted walkRoots(String source, Trusted from, List<SignedRoot> roots) {
    Trusted trusted = from;
    for (SignedRoot offered : roots) {
      RootDocument next = RootDocument.parse(source, offered.document());
      if (next.version() <= trusted.version()) {
        continue;
      }
      String what = "Root version " + next.version() + " of " + next.repository();
      if (next.version() != trusted.version() + 1) {
        throw new TrustException(
            source,
            Refusal.ROOT_REJECTED,
            what + " does not follow the trusted version " + trusted.version());
      }
      requireRepository(source, next.repository());
      requireSigned(
          source,
          what + " (by the keys of version " + trusted.version() + ")",
          trusted.policy(),
          offered.document(),
          offered.signatures());
      requireSigned(
          source,
          what + " (by its own keys)",
          next.policy(),
          offered.document(),
          offered.signatures());
      trusted = new Trusted(next, offered, anchor);
    }
    return trusted;
  }

  private void requireRepository(String source, String offered) {
    if (!offered.equals(repository)) {
      throw new TrustException(
          source,
          Refusal.WRONG_REPOSITORY,
          "Signed for repository "
              + offered
              + ", not "
              + repository
              + ", which is the one trusted here");
    }
  }

  private static void requireNoRollback(
      String source, CatalogStatement statement, String text, Optional<SignedStatement> last) {
    if (last.isEmpty()) {
      return;
    }
    CatalogStatement accepted = CatalogStatement.parse("the serial store", last.get().statement());
    if (statement.serial() < accepted.serial()
        || (statement.serial() == accepted.serial() && !text.equals(last.get().statement()))) {
      throw new CatalogRollbackException(source, accepted.serial(), statement.serial());
    }
  }

  /**
   * Requires at least the policy's threshold of distinct trusted keys to have signed {@code text}.
   *
   * @throws CatalogSignatureException if fewer did
   */
  static void requireSigned(
      String source,
      String what,
      TrustPolicy policy,
      String text,
      List<CatalogSignature> signatures) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Set<String> valid = new HashSet<>();
    boolean anyTrusted = false;
    boolean tampered = false;
    for (CatalogSignature signature : signatures) {
      PublicKey key = policy.keys().get(signature.keyId());
      if (key == null || valid.contains(signature.keyId())) {
        continue;
      }
      anyTrusted = true;
      if (verifies(key, bytes, signature.signature())) {
        valid.add(signature.keyId());
      } else {
        tampered = true;
      }
    }
    if (valid.size() < policy.threshold()) {
      Refusal refusal =
          tampered ? Refusal.TAMPERED : anyTrusted ? Refusal.BELOW_THRESHOLD : Refusal.UNKNOWN_KEYS;
      throw new CatalogSignatureException(source, what, refusal, valid.size(), policy.threshold());
    }
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length or encoding is simply not a valid one.
      return false;
    }
  }
}
