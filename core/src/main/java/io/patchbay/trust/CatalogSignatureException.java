package io.patchbay.trust;

import io.patchbay.PatchbayException;

/** A catalog whose signatures do not meet the trust policy; it was not used. */
public final class CatalogSignatureException extends PatchbayException {

  /** Which signature rule the catalog broke. */
  public enum Reason {
    /** A trusted key's signature does not verify: the catalog or the signature was changed. */
    TAMPERED,
    /** No signature is by a trusted key (signed by someone else, or not signed at all). */
    UNKNOWN_KEYS,
    /** Fewer distinct trusted keys signed it than the threshold requires. */
    BELOW_THRESHOLD
  }

  private final String source;
  private final Reason reason;
  private final int validSignatures;
  private final int threshold;

  /** Creates the error for the catalog from {@code source}. */
  public CatalogSignatureException(
      String source, Reason reason, int validSignatures, int threshold) {
    super(
        "Catalog "
            + source
            + " rejected ("
            + reason
            + "): "
            + validSignatures
            + " valid signature(s) by trusted keys, "
            + threshold
            + " required"
            + (reason == Reason.TAMPERED
                ? "; a trusted key's signature does not match the catalog"
                : ""));
    this.source = source;
    this.reason = reason;
    this.validSignatures = validSignatures;
    this.threshold = threshold;
  }

  /** Where the catalog came from. */
  public String source() {
    return source;
  }

  /** The rule broken. */
  public Reason reason() {
    return reason;
  }

  /** How many distinct trusted keys had valid signatures. */
  public int validSignatures() {
    return validSignatures;
  }

  /** How many the policy requires. */
  public int threshold() {
    return threshold;
  }
}
