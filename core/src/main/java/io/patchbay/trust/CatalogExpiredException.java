package io.patchbay.trust;

import java.time.Instant;

/**
 * A catalog past its {@code expires} time, or without one where the verifier requires it: a head
 * end that stopped publishing, or an attacker freezing the gateway on old software. It was not
 * used.
 */
public final class CatalogExpiredException extends TrustException {

  private final Instant expires;
  private final Instant now;

  /**
   * Creates the error for the catalog from {@code source}; {@code expires} is null if it has none.
   */
  public CatalogExpiredException(String source, Instant expires, Instant now) {
    super(
        source,
        Refusal.EXPIRED,
        "Catalog from "
            + source
            + " rejected: "
            + (expires == null
                ? "it has no expiry time, and one is required here"
                : "it expired at " + expires)
            + " (now "
            + now
            + ")");
    this.expires = expires;
    this.now = now;
  }

  /** When it expired, or {@code null} if it has no expiry time. */
  public Instant expires() {
    return expires;
  }

  /** The verifier's time when it checked. */
  public Instant now() {
    return now;
  }
}
