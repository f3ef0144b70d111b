package io.patchbay;

/**
 * Root of every error Patchbay raises on purpose: each subtype names the rule that failed and
 * carries the values involved, so callers can react without parsing messages.
 *
 * <p>Unchecked so that fluent model code stays readable; I/O failures of transports surface as
 * {@link java.io.IOException} instead.
 */
public class PatchbayException extends RuntimeException {

  /** Creates an exception with a message that states the broken rule and the offending values. */
  public PatchbayException(String message) {
    super(message);
  }

  /** Creates an exception that wraps the lower-level cause of the broken rule. */
  public PatchbayException(String message, Throwable cause) {
    super(message, cause);
  }
}
