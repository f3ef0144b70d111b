package io.patchbay.model;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/** Thrown when a SHA-256 digest is not 64 hexadecimal characters. */
public final class InvalidDigestException extends PatchbayException {

  private final String value;

  /** Creates the error for the rejected {@code value} (may be {@code null}). */
  public InvalidDigestException(String value) {
    super(
        "Invalid sha-256 digest "
            + Untrusted.quote(value)
            + ": expected 64 hexadecimal characters");
    this.value = value;
  }

  /** The rejected value as received. */
  public String value() {
    return value;
  }
}
