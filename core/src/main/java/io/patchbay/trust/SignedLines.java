package io.patchbay.trust;

import io.patchbay.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The text form of statements and root documents: a type line, then {@code name: value} lines in a
 * fixed order, each ending in {@code \n}. So small and strict that a device parses it in a few
 * lines of code, and one text never reads two ways. Signatures cover the text's bytes exactly.
 */
final class SignedLines {

  /** The longest text read, far above what any statement or root document needs. */
  static final int MAX_LENGTH = 16 * 1024;

  private final String source;
  private final List<String> lines;
  private int next = 1;

  private SignedLines(String source, List<String> lines) {
    this.source = source;
    this.lines = lines;
  }

  /**
   * Starts reading {@code text}, which must begin with the line {@code type}.
   *
   * @throws TrustException {@link TrustException.Refusal#MALFORMED} if it does not
   */
  static SignedLines read(String source, String type, String text) {
    if (text.length() > MAX_LENGTH || !text.endsWith("\n")) {
      throw malformed(source, "not lines of text ending in a line break, at most 16 KiB");
    }
    List<String> lines =
        new ArrayList<>(List.of(text.substring(0, text.length() - 1).split("\n", -1)));
    if (!lines.get(0).equals(type)) {
      throw malformed(source, "does not start with the line " + type);
    }
    return new SignedLines(source, lines);
  }

  /** The value of the next line, which must be named {@code name}. */
  String value(String name) {
    if (next >= lines.size() || !lines.get(next).startsWith(name + ": ")) {
      throw malformed(source, "line " + (next + 1) + " is not \"" + name + ": ...\"");
    }
    return lines.get(next++).substring(name.length() + 2);
  }

  /** The values of all following lines named {@code name}, possibly none. */
  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    while (next < lines.size() && lines.get(next).startsWith(name + ": ")) {
      values.add(value(name));
    }
    return values;
  }

  /** The value of the next line, named {@code name}, as a non-negative number. */
  long number(String name) {
    String value = value(name);
    try {
      long number = Long.parseLong(value);
      if (number >= 0 && String.valueOf(number).equals(value)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below, as every other malformed value.
    }
    throw malformed(source, name + " is not a non-negative integer: " + Untrusted.quote(value));
  }

  /** Checks that every line was read. */
  void end() {
    if (next != lines.size()) {
      throw malformed(source, "unexpected line " + (next + 1));
    }
  }

  /** Converts a value, turning a conversion failure into a malformed-text refusal. */
  <T> T convert(String name, String value, Function<String, T> conversion) {
    try {
      return conversion.apply(value);
    } catch (RuntimeException e) {
      throw malformed(source, name + " is not valid: " + Untrusted.quote(value));
    }
  }

  static TrustException malformed(String source, String why) {
    return new TrustException(
        source,
        TrustException.Refusal.MALFORMED,
        "Signed text from " + source + " refused: " + why);
  }
}
