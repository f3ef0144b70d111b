package io.patchbay.version;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/**
 * Thrown when a version identifier is not valid in its scheme. Never treated as "equal": the file
 * it belongs to is not touched.
 */
public final class InvalidVersionException extends PatchbayException {

  private final String fileName;
  private final String version;
  private final String scheme;
  private final String reason;

  /**
   * Creates the error.
   *
   * @param fileName the file the version belongs to, or {@code null} where it is not known yet
   * @param version the rejected version identifier as received
   * @param scheme the scheme it was checked against, or {@code null} for a shape check that applies
   *     to every scheme (blank, too long, control characters)
   * @param reason what is wrong with it, in words
   */
  public InvalidVersionException(String fileName, String version, String scheme, String reason) {
    super(message(fileName, version, scheme, reason));
    this.fileName = fileName;
    this.version = version;
    this.scheme = scheme;
    this.reason = reason;
  }

  /** Creates the error for a version whose file is not known at the point of parsing. */
  public static InvalidVersionException of(String version, String scheme, String reason) {
    return new InvalidVersionException(null, version, scheme, reason);
  }

  /** The same error, naming the file the version belongs to. */
  public InvalidVersionException forFile(String name) {
    InvalidVersionException named = new InvalidVersionException(name, version, scheme, reason);
    named.setStackTrace(getStackTrace());
    return named;
  }

  /** The file the version belongs to, or {@code null} if not known. */
  public String fileName() {
    return fileName;
  }

  /** The rejected version identifier as received. */
  public String version() {
    return version;
  }

  /** The scheme the version was checked against, or {@code null} for a generic shape check. */
  public String scheme() {
    return scheme;
  }

  /** What is wrong with the version, in words. */
  public String reason() {
    return reason;
  }

  private static String message(String fileName, String version, String scheme, String reason) {
    StringBuilder message = new StringBuilder("Invalid version ").append(Untrusted.quote(version));
    if (fileName != null) {
      message.append(" of file ").append(Untrusted.quote(fileName));
    }
    if (scheme != null) {
      message.append(" in scheme ").append(scheme);
    }
    return message.append(": ").append(reason).toString();
  }
}
