package io.patchbay.fetch;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/** Thrown when downloaded bytes do not match the catalog: such bytes never reach a client. */
public final class ArtifactVerificationException extends PatchbayException {

  /** Which property of the download failed its check. */
  public enum Check {
    /** The number of bytes differs from the catalog's size. */
    SIZE,
    /** The SHA-256 digest differs from the catalog's. */
    SHA256
  }

  private final String fileName;
  private final Check check;
  private final String expected;
  private final String actual;

  /** Creates the error for {@code fileName} failing {@code check}. */
  public ArtifactVerificationException(
      String fileName, Check check, String expected, String actual) {
    super(
        "Artifact "
            + Untrusted.quote(fileName)
            + " failed its "
            + check
            + " check: expected "
            + expected
            + ", got "
            + actual);
    this.fileName = fileName;
    this.check = check;
    this.expected = expected;
    this.actual = actual;
  }

  /** The file whose download failed. */
  public String fileName() {
    return fileName;
  }

  /** The check that failed. */
  public Check check() {
    return check;
  }

  /** What the catalog said. */
  public String expected() {
    return expected;
  }

  /** What the download had. */
  public String actual() {
    return actual;
  }
}
