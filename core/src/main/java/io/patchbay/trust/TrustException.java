package io.patchbay.trust;

import io.patchbay.PatchbayException;
import java.util.Objects;

/**
 * Why a gateway or device refused what a head end is said to have signed: a catalog, a root
 * document or one file's proof. What was refused was not used and nothing changed. Subtypes carry
 * the values involved; {@link #refusal()} is the reason to react on (a device reports it as its
 * problem type).
 */
public class TrustException extends PatchbayException {

  /** The rule that was broken. */
  public enum Refusal {
    /** Nothing signed came with it, where trust is required. */
    UNSIGNED,
    /** A trusted key's signature does not match. */
    TAMPERED,
    /** No trusted key signed it. */
    UNKNOWN_KEYS,
    /** Fewer distinct trusted keys signed it than the threshold. */
    BELOW_THRESHOLD,
    /** It is signed but breaks the format of statements, root documents or proofs. */
    MALFORMED,
    /** It expired, or has no expiry where one is required: a freeze attack or a stale head end. */
    EXPIRED,
    /** An older serial than one accepted before, or another statement under the same serial. */
    ROLLBACK,
    /** Signed for another repository than the one configured. */
    WRONG_REPOSITORY,
    /** The file, or the catalog document, is not the one the signed statement names. */
    NOT_SIGNED,
    /** A root document that does not follow from the trusted one (gap, signatures, repository). */
    ROOT_REJECTED
  }

  private final String source;
  private final Refusal refusal;

  /** Creates the error for what came from {@code source}; the message states the broken rule. */
  public TrustException(String source, Refusal refusal, String message) {
    super(message);
    this.source = Objects.requireNonNull(source, "source");
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  /** Where the refused catalog, root or proof came from (a URI, a repository, a file name). */
  public String source() {
    return source;
  }

  /** The rule that was broken. */
  public Refusal refusal() {
    return refusal;
  }
}
