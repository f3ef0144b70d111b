package io.patchbay.model;

/**
 * Validates file names received from the network before they are used for anything.
 *
 * <p>A file name is a logical, relative path such as {@code bin/player} or {@code fw/tuner.bin}:
 * segments separated by {@code /}, none of them empty, {@code .} or {@code ..}; no leading {@code
 * /}, no backslash, no drive prefix such as {@code C:}, no control characters, at most {@value
 * #MAX_LENGTH} characters in all and {@value #MAX_SEGMENT_LENGTH} per segment. Device agents and
 * caches may therefore join a valid name to a directory without escaping it.
 */
public final class FileNames {

  /** The longest name accepted, in UTF-16 characters. */
  public static final int MAX_LENGTH = 1024;

  /** The longest segment accepted, in UTF-16 characters (a common file system limit). */
  public static final int MAX_SEGMENT_LENGTH = 255;

  private FileNames() {}

  /**
   * Returns {@code name} if it is a safe logical path.
   *
   * @throws InvalidFileNameException naming the value and the rule it broke
   */
  public static String requireValid(String name) {
    String broken = brokenRule(name);
    if (broken != null) {
      throw new InvalidFileNameException(name, broken);
    }
    return name;
  }

  /** Tells whether {@code name} is a safe logical path, without throwing. */
  public static boolean isValid(String name) {
    return brokenRule(name) == null;
  }

  private static String brokenRule(String name) {
    if (name == null || name.isEmpty()) {
      return "must not be empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    if (name.charAt(0) == '/') {
      return "must be relative, not absolute";
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
      return "must not start with a drive prefix";
    }
    int segmentStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : '/';
      if (c == '\\') {
        return "must not contain a backslash";
      }
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return "must not contain control characters";
      }
      if (c == '/') {
        String rule = segmentRule(name, segmentStart, i);
        if (rule != null) {
          return rule;
        }
        segmentStart = i + 1;
      }
    }
    return null;
  }

  private static String segmentRule(String name, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return "must not contain an empty segment";
    }
    if (length > MAX_SEGMENT_LENGTH) {
      return "has a segment longer than " + MAX_SEGMENT_LENGTH + " characters";
    }
    if (name.charAt(start) == '.'
        && (length == 1 || (length == 2 && name.charAt(start + 1) == '.'))) {
      return "must not contain '.' or '..' segments";
    }
    return null;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
