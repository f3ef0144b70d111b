package io.patchbay.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Validates file names received from the network before they are used for anything.
 *
 * <p>A file name is a logical, relative path such as {@code bin/player} or {@code fw/tuner.bin}:
 * segments separated by {@code /}, none of them empty, {@code .} or {@code ..}; no leading {@code
 * /}, no backslash, no control characters, at most {@value #MAX_LENGTH} characters in all and
 * {@value #MAX_SEGMENT_LENGTH} per segment. So that a name means one file on every device's file
 * system, also none of the characters Windows refuses ({@code : * ? " < > |}, which rules out drive
 * prefixes such as {@code C:} and streams such as {@code a:b}), no segment ending in a dot or a
 * space (Windows drops them), no Windows device name as a segment, with or without an extension, in
 * any case ({@code CON}, {@code nul.txt}, {@code COM1}), and only Unicode text in Normalization
 * Form C without format characters (such as right-to-left overrides or zero-width joiners) or
 * unpaired surrogates. Device agents and caches may therefore join a valid name to a directory
 * without escaping it. docs/formats.md lists the rules.
 */
public final class FileNames {

  /** The longest name accepted, in UTF-16 characters. */
  public static final int MAX_LENGTH = 1024;

  /** The longest segment accepted, in UTF-16 characters (a common file system limit). */
  public static final int MAX_SEGMENT_LENGTH = 255;

  private static final String WINDOWS_RESERVED = ":*?\"<>|";

  /** The ASCII characters that no rule but the segment rules concerns, by code. */
  private static final boolean[] PLAIN = new boolean[0x80];

  static {
    for (char c = 0x20; c < 0x7f; c++) {
      PLAIN[c] = c != '\\' && WINDOWS_RESERVED.indexOf(c) < 0;
    }
  }

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
    // The common case first: printable ASCII without a reserved character, where only the
    // segment rules apply. Any other character sends the name through the full rules from its
    // start, so a name that breaks several rules is reported for the same one either way.
    int segmentStart = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= PLAIN.length || !PLAIN[c]) {
        return fullRules(name);
      }
      if (c == '/') {
        String rule = segmentRule(name, segmentStart, i);
        if (rule != null) {
          return rule;
        }
        segmentStart = i + 1;
      }
    }
    return segmentRule(name, segmentStart, name.length());
  }

  private static String fullRules(String name) {
    boolean ascii = true;
    int segmentStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : '/';
      if (c == '\\') {
        return "must not contain a backslash";
      }
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return "must not contain control characters";
      }
      if (WINDOWS_RESERVED.indexOf(c) >= 0) {
        return "must not contain any of " + WINDOWS_RESERVED;
      }
      if (c >= 0x80) {
        ascii = false;
        String rule = unicodeRule(name, i);
        if (rule != null) {
          return rule;
        }
      }
      if (c == '/') {
        String rule = segmentRule(name, segmentStart, i);
        if (rule != null) {
          return rule;
        }
        segmentStart = i + 1;
      }
    }
    if (!ascii && !Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
      return "must be in Unicode Normalization Form C";
    }
    return null;
  }

  private static String unicodeRule(String name, int i) {
    char c = name.charAt(i);
    if (Character.isHighSurrogate(c)) {
      if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
        return "must not contain unpaired surrogates";
      }
    } else if (Character.isLowSurrogate(c)) {
      if (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1))) {
        return "must not contain unpaired surrogates";
      }
      return null;
    }
    int codePoint = name.codePointAt(i);
    if (Character.getType(codePoint) == Character.FORMAT) {
      return "must not contain Unicode format characters such as U+"
          + String.format(Locale.ROOT, "%04X", codePoint);
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
    char last = name.charAt(end - 1);
    if (last == '.' || last == ' ') {
      return "must not have a segment ending in a dot or a space";
    }
    if (isDeviceName(name, start, end)) {
      return "must not use a Windows device name such as CON or NUL as a segment";
    }
    return null;
  }

  private static boolean isDeviceName(String name, int start, int end) {
    int dot = name.indexOf('.', start);
    int stem = (dot < 0 || dot > end ? end : dot) - start;
    // Compared in place, ignoring case, without lower-casing a copy: this runs for every segment
    // of every name of a million-entry catalog. Every device name starts with one of these
    // letters, and no other character folds to them, so most segments need one comparison.
    return switch ((char) (name.charAt(start) | 0x20)) {
      case 'c' ->
          switch (stem) {
            case 3 -> matches(name, start, "con");
            case 4 -> matches(name, start, "com") && isPortDigit(name.charAt(start + 3));
            case 6 -> name.regionMatches(true, start, "conin$", 0, 6);
            case 7 -> name.regionMatches(true, start, "conout$", 0, 7);
            default -> false;
          };
      case 'p' -> stem == 3 && matches(name, start, "prn");
      case 'a' -> stem == 3 && matches(name, start, "aux");
      case 'n' -> stem == 3 && matches(name, start, "nul");
      case 'l' -> stem == 4 && matches(name, start, "lpt") && isPortDigit(name.charAt(start + 3));
      default -> false;
    };
  }

  /**
   * Tells whether the first three characters of {@code name} from {@code start} are {@code
   * device}'s, a lower-case ASCII word, in any case, as {@link String#regionMatches(boolean, int,
   * String, int, int)} would.
   */
  private static boolean matches(String name, int start, String device) {
    for (int i = 0; i < 3; i++) {
      char c = name.charAt(start + i);
      if (c >= 0x80) {
        // Some other characters fold to ASCII letters (U+0130, dotted capital I, to i).
        return name.regionMatches(true, start, device, 0, 3);
      }
      // Setting 0x20 lower-cases an ASCII letter and maps no other ASCII character to one.
      if ((c | 0x20) != device.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPortDigit(char c) {
    return (c >= '0' && c <= '9') || c == '\u00b9' || c == '\u00b2' || c == '\u00b3';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
