package io.patchbay.version;

import java.util.List;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Semantic Versioning 2.0.0 (semver.org): strict syntax, full precedence (section 11), build
 * metadata ignored.
 *
 * <p>Parsing and the major, minor and patch fields go through semver4j. Two things are our own:
 * the syntax check uses the specification's regular expression, because semver4j also accepts
 * {@code v1.0.0} and surrounding blanks; and pre-release identifiers are compared here, because
 * semver4j parses numeric identifiers as {@code long} and fails on longer ones, which the
 * specification allows.
 */
final class SemVerComparator implements VersionComparator {

  static final SemVerComparator INSTANCE = new SemVerComparator();

  /** The regular expression the specification suggests (semver.org, "Is there a suggested regex"). */
  private static final Pattern STRICT = Pattern.compile(
      "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  private SemVerComparator() {}

  @Override
  public String scheme() {
    return "semver";
  }

  @Override
  public int compare(String a, String b) {
    Semver x = parse(a);
    Semver y = parse(b);
    int order = Integer.compare(x.getMajor(), y.getMajor());
    if (order == 0) {
      order = Integer.compare(x.getMinor(), y.getMinor());
    }
    if (order == 0) {
      order = Integer.compare(x.getPatch(), y.getPatch());
    }
    return order != 0 ? order : comparePreRelease(x.getPreRelease(), y.getPreRelease());
  }

  @Override
  public void validate(String version) {
    parse(version);
  }

  private static Semver parse(String version) {
    if (version == null || !STRICT.matcher(version).matches()) {
      throw InvalidVersionException.of(version, "semver",
          "not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] as Semantic Versioning 2.0.0 defines it");
    }
    Semver parsed = Semver.parse(version);
    if (parsed == null) {
      throw InvalidVersionException.of(version, "semver", "a numeric field exceeds " + Integer.MAX_VALUE);
    }
    return parsed;
  }

  /**
   * Section 11.3 and 11.4: a version without pre-release is newer; otherwise identifiers compare
   * left to right, and a longer list wins when all before are equal.
   */
  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = compareIdentifiers(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Numeric identifiers by value, of any length; numeric before alphanumeric; else ASCII order. */
  private static int compareIdentifiers(String a, String b) {
    boolean aNumeric = isDigits(a);
    boolean bNumeric = isDigits(b);
    if (aNumeric && bNumeric) {
      // No leading zeros (the syntax forbids them), so the longer number is the larger.
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
