package io.patchbay.trust;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.format.JsonLimits;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.Sha256;
import io.patchbay.trust.CatalogSignatureException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a gateway may use a catalog: enough trusted signatures over its exact bytes
 * ({@link TrustPolicy}), not expired, and not older than (or a different catalog under the same
 * serial as) the last one accepted from the same head end ({@link SerialStore}). The rules are
 * checked in that order; each failure is its own exception.
 *
 * <p>Thread-safe; built with {@link #builder(TrustPolicy)}. Most gateways use it through {@link
 * #guard(URI, CentralCatalog)}.
 */
public final class CatalogVerifier {

  private final TrustPolicy policy;
  private final SerialStore serials;
  private final Clock clock;
  private final boolean requireExpiry;
  private final JsonLimits limits;

  private CatalogVerifier(Builder builder) {
    this.policy = builder.policy;
    this.serials = builder.serials;
    this.clock = builder.clock;
    this.requireExpiry = builder.requireExpiry;
    this.limits = builder.limits;
  }

  /** A verifier for {@code policy}; see {@link Builder} for the defaults. */
  public static Builder builder(TrustPolicy policy) {
    return new Builder(policy);
  }

  /** {@code head}'s catalogs at {@code catalogUri}, used only once this verifier accepts them. */
  public TrustedCatalog guard(URI catalogUri, CentralCatalog head) {
    return new TrustedCatalog(catalogUri.toString(), head, this);
  }

  /**
   * Reads the catalog document from {@code document} (to its end), checks it, and returns it, or
   * throws without returning anything from it. Records an accepted catalog's serial in the serial
   * store before returning it.
   *
   * @param source the head end's catalog URI: rollback protection is kept per source
   * @param signatures the entries of the catalog's signature file
   * @throws CatalogSignatureException if fewer trusted keys than the threshold signed these bytes
   * @throws FormatException if the document is signed but malformed
   * @throws CatalogExpiredException if it expired, or has no expiry where one is required
   * @throws CatalogRollbackException if its serial is older than one accepted before, or equal to
   *     it with other content
   * @throws IOException if reading the document or recording the serial fails
   */
  public Catalog verify(String source, InputStream document, List<CatalogSignature> signatures)
      throws IOException {
    MessageDigest sha256 = VerifyingCopy.newSha256();
    Catalog catalog = null;
    FormatException malformed = null;
    try (DigestInputStream digesting = new DigestInputStream(document, sha256)) {
      try {
        catalog = CatalogJson.read(digesting, limits);
      } catch (FormatException e) {
        if (e.problem() == FormatException.Problem.TOO_LARGE) {
          throw e;
        }
        malformed = e;
      }
      // The signature covers every byte, including any the parser did not need.
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    Sha256 digest = Sha256.of(sha256.digest());
    checkSignatures(source, digest, signatures, malformed);
    if (malformed != null) {
      throw malformed;
    }
    Instant now = clock.instant();
    if (catalog.expires() == null ? requireExpiry : catalog.isExpiredAt(now)) {
      throw new CatalogExpiredException(source, catalog.expires(), now);
    }
    Optional<SerialStore.Accepted> last = serials.accepted(source);
    if (last.isPresent()) {
      long accepted = last.get().serial();
      if (catalog.serial() < accepted
          || (catalog.serial() == accepted && !digest.equals(last.get().sha256()))) {
        throw new CatalogRollbackException(source, accepted, catalog.serial());
      }
    }
    if (last.isEmpty() || catalog.serial() > last.get().serial()) {
      serials.accept(source, new SerialStore.Accepted(catalog.serial(), digest));
    }
    return catalog;
  }

  private void checkSignatures(
      String source, Sha256 digest, List<CatalogSignature> signatures, Throwable malformed) {
    byte[] statement = Statement.of(digest);
    Set<String> valid = new HashSet<>();
    boolean anyTrusted = false;
    boolean tampered = false;
    for (CatalogSignature signature : signatures) {
      PublicKey key = policy.keys().get(signature.keyId());
      if (key == null || valid.contains(signature.keyId())) {
        continue;
      }
      anyTrusted = true;
      if (verifies(key, statement, signature.signature())) {
        valid.add(signature.keyId());
      } else {
        tampered = true;
      }
    }
    if (valid.size() < policy.threshold()) {
      Reason reason =
          tampered ? Reason.TAMPERED : anyTrusted ? Reason.BELOW_THRESHOLD : Reason.UNKNOWN_KEYS;
      CatalogSignatureException rejected =
          new CatalogSignatureException(source, reason, valid.size(), policy.threshold());
      if (malformed != null) {
        rejected.addSuppressed(malformed);
      }
      throw rejected;
    }
  }

  private static boolean verifies(PublicKey key, byte[] statement, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(statement);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length or encoding is simply not a valid one.
      return false;
    }
  }

  /** Configures a {@link CatalogVerifier}. */
  public static final class Builder {
    private final TrustPolicy policy;
    private SerialStore serials = SerialStore.inMemory();
    private Clock clock = Clock.systemUTC();
    private boolean requireExpiry = true;
    private JsonLimits limits = JsonLimits.defaults();

    private Builder(TrustPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Where the last accepted serials are kept; default in memory, which forgets them on restart.
     * Gateways should use {@link SerialStore#file(java.nio.file.Path)}.
     */
    public Builder serials(SerialStore serials) {
      this.serials = Objects.requireNonNull(serials, "serials");
      return this;
    }

    /** The time expiry is judged by; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether a catalog without an {@code expires} time is rejected; default {@code true}. */
    public Builder requireExpiry(boolean requireExpiry) {
      this.requireExpiry = requireExpiry;
      return this;
    }

    /** Limits for reading catalogs; default {@link JsonLimits#defaults()}. */
    public Builder limits(JsonLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The verifier. */
    public CatalogVerifier build() {
      return new CatalogVerifier(this);
    }
  }
}
