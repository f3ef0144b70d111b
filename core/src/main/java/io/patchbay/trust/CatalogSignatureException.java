package io.patchbay.trust;

/**
 * Too few trusted keys signed a catalog's statement or a root document: nobody the gateway or
 * device trusts vouched for it, or someone changed it after signing. It was not used. {@link
 * #refusal()} is {@link Refusal#TAMPERED}, {@link Refusal#UNKNOWN_KEYS} or {@link
 * Refusal#BELOW_THRESHOLD}.
 */
public final class CatalogSignatureException extends TrustException {

  private final int validSignatures;
  private final int threshold;

  /**
   * Creates the error for {@code what}, from {@code source}.
   *
   * @param what the signed thing, such as "Catalog statement" or "Root version 3 of acme"
   */
  public CatalogSignatureException(
      String source, String what, Refusal refusal, int validSignatures, int threshold) {
    super(
        source,
        refusal,
        what
            + " from "
            + source
            + " rejected ("
            + refusal
            + "): "
            + validSignatures
            + " valid signature(s) by trusted keys, "
            + threshold
            + " required"
            + (refusal == Refusal.TAMPERED ? "; a trusted key's signature does not match it" : ""));
    this.validSignatures = validSignatures;
    this.threshold = threshold;
  }

  /** How many distinct trusted keys signed validly. */
  public int validSignatures() {
    return validSignatures;
  }

  /** How many were required. */
  public int threshold() {
    return threshold;
  }
}
