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
 *
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
 * <p>Fast path: semver4j's parse costs about a microsecond and allocates, which a plan of a million
 * files pays twice per changed file. When neither version has build metadata and every number of
 * major, minor and patch has at most six digits (nearly all versions in practice), the strings are
 * checked against the grammar and compared where they lie, by the same rules, allocating nothing.
 * Anything else goes through the full parse; a test holds both paths to the same order.
 */
final class SemVerComparator implements VersionComparator {

  static final SemVerComparator INSTANCE = new SemVerComparator();

  /**
   * The regular expression the specification suggests (semver.org, "Is there a suggested regex").
   */
  private static final Pattern STRICT =
      Pattern.compile(
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
    long releaseA = packedRelease(a);
    long releaseB = packedRelease(b);
    if (releaseA >= 0 && releaseB >= 0) {
      if (releaseA != releaseB) {
        return Long.compare(releaseA, releaseB);
      }
      int preA = preReleaseStart(a);
      int preB = preReleaseStart(b);
      boolean aIsPreRelease = preA < a.length();
      boolean bIsPreRelease = preB < b.length();
      if (!aIsPreRelease || !bIsPreRelease) {
        // Section 11.3: a pre-release is older than its release.
        return Boolean.compare(bIsPreRelease, aIsPreRelease);
      }
      return comparePreRelease(a, preA, b, preB);
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

  /** Bits per number in {@link #packedRelease}: six decimal digits fit in 20 bits. */
  private static final int PACKED_BITS = 20;

  private static final int PACKED_MAX_DIGITS = 6;

  /**
   * For the fast path: major, minor and patch ({@code N.N.N}, each {@code 0} or up to six digits
   * without a leading zero, as section 2 requires) packed most significant first, so packed values
   * order as releases do, when the rest of {@code version} is empty or a valid pre-release; or -1
   * for anything else, which the full parse then handles or rejects.
   */
  private static long packedRelease(String version) {
    if (version == null) {
      return -1;
    }
    long packed = 0;
    int dots = 0;
    int digits = 0;
    int number = 0;
    int i = 0;
    for (; i < version.length() && version.charAt(i) != '-'; i++) {
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
    if (digits == 0 || dots != 2 || (i < version.length() && !isPreRelease(version, i + 1))) {
      return -1;
    }
    return packed << PACKED_BITS | number;
  }

  /**
   * Where the pre-release of a fast-path version starts (after its {@code -}), or its length if it
   * has none.
   */
  private static int preReleaseStart(String version) {
    int dash = version.indexOf('-');
    return dash < 0 ? version.length() : dash + 1;
  }

  /**
   * Tells whether {@code version} from {@code start} on is a pre-release (section 9):
   * dot-separated, non-empty identifiers of {@code [0-9A-Za-z-]}, numeric ones without leading
   * zeros.
   */
  private static boolean isPreRelease(String version, int start) {
    int from = start;
    while (true) {
      int to = identifierEnd(version, from);
      if (to == from
          || (version.charAt(from) == '0' && to - from > 1 && isDigits(version, from, to))) {
        return false;
      }
      for (int i = from; i < to; i++) {
        char c = version.charAt(i);
        if (!((c >= '0' && c <= '9')
            || (c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || c == '-')) {
          return false;
        }
      }
      if (to == version.length()) {
        return true;
      }
      from = to + 1;
    }
  }

  private static int identifierEnd(String version, int from) {
    int dot = version.indexOf('.', from);
    return dot < 0 ? version.length() : dot;
  }

  /**
   * {@link #comparePreRelease(List, List)} on pre-releases in place, from {@code i} and {@code j}
   * on.
   */
  private static int comparePreRelease(String a, int i, String b, int j) {
    while (true) {
      int aEnd = identifierEnd(a, i);
      int bEnd = identifierEnd(b, j);
      int order = compareIdentifiers(a, i, aEnd, b, j, bEnd);
      boolean aHasMore = aEnd < a.length();
      boolean bHasMore = bEnd < b.length();
      if (order != 0 || !aHasMore || !bHasMore) {
        return order != 0 ? order : Boolean.compare(aHasMore, bHasMore);
      }
      i = aEnd + 1;
      j = bEnd + 1;
    }
  }

  private static Semver parse(String version) {
    if (version == null || !STRICT.matcher(version).matches()) {
      throw InvalidVersionException.of(
          version,
          "semver",
          "not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] as Semantic Versioning 2.0.0 defines it");
    }
    Semver parsed = Semver.parse(version);
    if (parsed == null) {
      throw InvalidVersionException.of(
          version,
          "semver",
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
      String x = a.get(i);
      String y = b.get(i);
      int order = compareIdentifiers(x, 0, x.length(), y, 0, y.length());
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * Identifiers {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}: numeric ones by value, of any
   * length; numeric before alphanumeric; else ASCII order.
   */
  private static int compareIdentifiers(
      String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
    boolean aNumeric = isDigits(a, aFrom, aTo);
    boolean bNumeric = isDigits(b, bFrom, bTo);
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    int aLength = aTo - aFrom;
    int bLength = bTo - bFrom;
    // No leading zeros (the syntax forbids them), so the longer number is the larger.
    if (aNumeric && aLength != bLength) {
      return Integer.compare(aLength, bLength);
    }
    for (int k = 0; k < Math.min(aLength, bLength); k++) {
      int order = Character.compare(a.charAt(aFrom + k), b.charAt(bFrom + k));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(aLength, bLength);
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
