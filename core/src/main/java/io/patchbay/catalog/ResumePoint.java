package io.patchbay.catalog;

import io.patchbay.internal.Untrusted;

/**
 * Where a download of an artifact is to resume: how many of its bytes the gateway already holds,
 * and the validator the head end sent with them, so that it can tell whether they still belong to
 * the artifact it serves now.
 *
 * @param offset the bytes already held, from the artifact's start; 0 for a fresh download
 * @param validator the head end's {@link ArtifactStream#validator()} for the bytes held, opaque;
 *     {@code null} if it sent none or it was not kept
 */
public record ResumePoint(long offset, String validator) {

  /** Validators longer than this are not kept: HTTP's are a few dozen characters. */
  public static final int MAX_VALIDATOR_LENGTH = 1024;

  /** A download from the first byte. */
  public static final ResumePoint START = new ResumePoint(0, null);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code offset} is negative, or {@code validator} is blank,
   *     too long or holds control characters (it may be sent in a request header)
   */
  public ResumePoint {
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset: " + offset);
    }
    if (validator != null
        && (validator.isBlank()
            || validator.length() > MAX_VALIDATOR_LENGTH
            || validator.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException("Not a validator: " + Untrusted.quote(validator));
    }
  }

  /** Resumes after {@code offset} bytes, without a validator. */
  public static ResumePoint at(long offset) {
    return new ResumePoint(offset, null);
  }
}
