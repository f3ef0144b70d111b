package io.patchbay.internal;

/** Makes values received from peers safe to put in messages and log lines. */
public final class Untrusted {

  private static final int MAX_QUOTED = 200;

  private Untrusted() {}

  /**
   * Quotes {@code value}: control characters, line separators and quotes become {@code \\uXXXX}
   * escapes and values over 200 characters are cut, so nothing a peer sends can forge a log line.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 2).append('"');
    for (int i = 0; i < value.length() && i < MAX_QUOTED; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '"') {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    if (value.length() > MAX_QUOTED) {
      quoted.append("...(").append(value.length()).append(" chars)");
    }
    return quoted.append('"').toString();
  }
}
