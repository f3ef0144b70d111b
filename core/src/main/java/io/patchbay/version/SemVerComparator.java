package io.patchbay.version;

import java.util.List;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Semantic Versioning 2.0.0 (semver.org): strict syntax, full precedence (section 11), build
 * metadata ignored.
 *
 * <p>semver4j parses the version into major, minor, patch and pre-release identifiers. Where it
 * departs from the specification, we do our own (checked against semver4j 6.0.0):
 * <ul>
 *   <li>It accepts {@code v1.0.0} and surrounding blanks, so the syntax is checked first with the
 *       specification's own regular expression.
 *   <li>It compares alphanumeric identifiers that end in digits by the number ({@code rc9 < rc10}),
 *       where section 11.4.2 says ASCII order ({@code rc10 < rc9}); and it compares numeric
 *       identifiers as {@code long}, throwing on longer ones, which the specification allows. So
 *       pre-release identifiers are compared here.
 *   <li>It holds major, minor and patch as {@code int} and fails to parse larger ones. The
 *       specification sets no bound; we reject them with a reason rather than misorder them.
 * </ul>
 *
 * <p>Fast path: when both versions are plain releases ({@code MAJOR.MINOR.PATCH}, no pre-release,
 * no build metadata, each number at most six digits), one scan of each string checks the grammar
 * and packs the three numbers into a {@code long}, and the two longs are compared. That is the
 * common case of a release planned against a large manifest, and it allocates nothing; anything
 * else goes through the full parse above.
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
    long plainA = packedPlainRelease(a);
    long plainB = packedPlainRelease(b);
    if (plainA >= 0 && plainB >= 0) {
      return Long.compare(plainA, plainB);
    }
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

  /** Bits per number in {@link #packedPlainRelease}: six decimal digits fit in 20 bits. */
  private static final int PACKED_BITS = 20;
  private static final int PACKED_MAX_DIGITS = 6;

  /**
   * Major, minor and patch of a plain release ({@code N.N.N}, each number {@code 0} or up to six
   * digits without a leading zero, as section 2 requires) packed most significant first, so packed
   * values order as the versions do; or -1 when {@code version} is anything else.
   */
  private static long packedPlainRelease(String version) {
    if (version == null) {
      return -1;
    }
    long packed = 0;
    int dots = 0;
    int digits = 0;
    int number = 0;
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == PACKED_MAX_DIGITS || (digits == 1 && number == 0)) {
          return -1;
        }
        number = number * 10 + (c - '0');
        digits++;
      } else if (c == '.' && digits > 0 && dots < 2) {
        packed = packed << PACKED_BITS | number;
        dots++;
        digits = 0;
        number = 0;
      } else {
        return -1;
      }
    }
    return digits > 0 && dots == 2 ? packed << PACKED_BITS | number : -1;
  }

  private static Semver parse(String version) {
    if (version == null || !STRICT.matcher(version).matches()) {
      throw InvalidVersionException.of(version, "semver",
          "not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] as Semantic Versioning 2.0.0 defines it");
    }
    Semver parsed = Semver.parse(version);
    if (parsed == null) {
      throw InvalidVersionException.of(version, "semver",
          "major, minor and patch above " + Integer.MAX_VALUE + " are not supported");
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
