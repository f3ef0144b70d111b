package io.patchbay.version;

/**
 * The natural scheme, for vendor firmware strings that follow no standard, such as {@code
 * 2.10.3-b457}, {@code 20231105.1} or {@code V3R2C10}.
 *
 * <p>Syntax: one or more ASCII letters, digits and the separators {@code . - _ +}, with at least
 * one letter or digit. Anything else is invalid, never guessed at.
 *
 * <p>Rules:
 *
 * <ol>
 *   <li>A version is read as a sequence of runs: a maximal run of digits is a <em>number</em>, a
 *       maximal run of letters is a <em>word</em>; separators only end runs ({@code V3R2C10} is
 *       {@code V 3 R 2 C 10}; {@code 2.10.3-b457} is {@code 2 10 3 b 457}).
 *   <li>Two versions compare run by run, left to right; the first difference decides.
 *   <li>Numbers compare by value, of any length: {@code 10 > 9}, {@code 007 == 7}, so {@code 1.0 ==
 *       1.00}.
 *   <li>Words compare alphabetically, ignoring case: {@code beta > alpha}, {@code RC == rc}.
 *   <li>At the same position a word is older than a number: {@code 1.0.beta < 1.0.1}.
 *   <li>When one version runs out of runs and the other does not, the longer is newer: {@code 1.0 <
 *       1.0.1}, {@code 2.10.3 < 2.10.3-b457}, and also {@code 1.0 < 1.0.0} and {@code 1.0 <
 *       1.0-rc1}: the scheme cannot tell a pre-release from a build suffix, so for pre-releases use
 *       {@code semver} or {@code debian}.
 *   <li>Versions with the same runs are equal, whatever their separators: {@code 1.0 == 1-0 ==
 *       1_0}, {@code V3R2 == v3.r2}.
 * </ol>
 *
 * These rules order all valid versions consistently (a total preorder), so plans never depend on
 * the order of comparison.
 */
final class NaturalVersionComparator implements VersionComparator {

  static final NaturalVersionComparator INSTANCE = new NaturalVersionComparator();

  private NaturalVersionComparator() {}

  @Override
  public String scheme() {
    return "natural";
  }

  @Override
  public int compare(String a, String b) {
    validate(a);
    validate(b);
    int i = skipSeparators(a, 0);
    int j = skipSeparators(b, 0);
    while (i < a.length() && j < b.length()) {
      int aEnd = runEnd(a, i);
      int bEnd = runEnd(b, j);
      boolean aNumber = isDigit(a.charAt(i));
      boolean bNumber = isDigit(b.charAt(j));
      int order;
      if (aNumber && bNumber) {
        order = Digits.compare(a, i, aEnd, b, j, bEnd);
      } else if (aNumber != bNumber) {
        order = aNumber ? 1 : -1;
      } else {
        order = compareWords(a, i, aEnd, b, j, bEnd);
      }
      if (order != 0) {
        return order;
      }
      i = skipSeparators(a, aEnd);
      j = skipSeparators(b, bEnd);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  @Override
  public void validate(String version) {
    if (version == null || version.isEmpty()) {
      throw invalid(version, "must not be empty");
    }
    boolean hasRun = false;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (isDigit(c) || isLetter(c)) {
        hasRun = true;
      } else if (!isSeparator(c)) {
        throw invalid(
            version, "only ASCII letters, digits and . - _ + are allowed, not '" + c + "'");
      }
    }
    if (!hasRun) {
      throw invalid(version, "must contain a letter or a digit");
    }
  }

  private static int compareWords(String a, int i, int aEnd, String b, int j, int bEnd) {
    while (i < aEnd && j < bEnd) {
      char x = Character.toLowerCase(a.charAt(i++));
      char y = Character.toLowerCase(b.charAt(j++));
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(aEnd - i, bEnd - j);
  }

  private static int runEnd(String s, int start) {
    boolean number = isDigit(s.charAt(start));
    int end = start;
    while (end < s.length() && (number ? isDigit(s.charAt(end)) : isLetter(s.charAt(end)))) {
      end++;
    }
    return end;
  }

  private static int skipSeparators(String s, int from) {
    while (from < s.length() && isSeparator(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSeparator(char c) {
    return c == '.' || c == '-' || c == '_' || c == '+';
  }

  private static InvalidVersionException invalid(String version, String reason) {
    return InvalidVersionException.of(version, "natural", reason);
  }
}
