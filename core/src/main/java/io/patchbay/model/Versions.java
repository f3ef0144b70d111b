package io.patchbay.model;

import io.patchbay.version.InvalidVersionException;

/** Shape checks shared by every version identifier, before any scheme looks at it. */
final class Versions {

  /** The longest version identifier accepted. */
  static final int MAX_LENGTH = 256;

  private Versions() {}

  static void requireWellFormed(String fileName, String version) {
    if (version != null && isShortPrintableAscii(version)) {
      return;
    }
    if (version == null || version.isBlank()) {
      throw new InvalidVersionException(fileName, version, null, "must not be blank");
    }
    if (version.length() > MAX_LENGTH) {
      throw new InvalidVersionException(
          fileName, version, null, "longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw new InvalidVersionException(
            fileName, version, null, "must not contain white space or control characters");
      }
    }
  }

  /**
   * Tells whether {@code version} is 1 to {@value #MAX_LENGTH} printable ASCII characters other
   * than the space, the common case, which breaks none of the rules: no character of it is white
   * space or a control character.
   */
  private static boolean isShortPrintableAscii(String version) {
    int length = version.length();
    if (length == 0 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = version.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
