package io.patchbay.internal.version;

/**
 * Semantic Versioning 2.0.0 precedence as one {@code long} per version, for the common versions,
 * and the in-place comparison behind it; {@link io.patchbay.version.VersionComparator#semver()} and
 * the planner share it.
 *
 * <p>A key exists for a version without build metadata whose major, minor and patch have at most
 * six digits each (nearly all versions in practice) and whose pre-release, if any, is valid
 * (section 9). Keys order as section 11 orders versions, with one gap: pre-releases of the same
 * release share a key, so equal keys of pre-releases say nothing ({@link
 * #comparePreReleases(String, String)} decides). A release's key is exact: two releases have the
 * same key exactly when their strings are equal, as section 2 forbids leading zeros. Every other
 * string has no key ({@link #NONE}) and goes through the full parse, which also rejects what is not
 * SemVer.
 *
 * <p>Layout: major, minor and patch in 20 bits each, most significant first, then one bit that is 1
 * for a release and 0 for a pre-release (section 11.3: a pre-release precedes its release). Keys
 * are never negative.
 */
public final class SemVerKey {

  /** The key of a string outside the fast path, including every invalid one. */
  public static final long NONE = -1;

  /** Bits per number: six decimal digits fit in 20 bits. */
  private static final int NUMBER_BITS = 20;

  private static final int MAX_DIGITS = 6;

  private SemVerKey() {}

  /** The key of {@code version}, or {@link #NONE}; allocates nothing. */
  public static long of(String version) {
    if (version == null) {
      return NONE;
    }
    long packed = 0;
    int dots = 0;
    int digits = 0;
    int number = 0;
    int i = 0;
    for (; i < version.length() && version.charAt(i) != '-'; i++) {
      char c = version.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == MAX_DIGITS || (digits == 1 && number == 0)) {
          return NONE;
        }
        number = number * 10 + (c - '0');
        digits++;
      } else if (c == '.' && digits > 0 && dots < 2) {
        packed = packed << NUMBER_BITS | number;
        dots++;
        digits = 0;
        number = 0;
      } else {
        return NONE;
      }
    }
    if (digits == 0 || dots != 2) {
      return NONE;
    }
    boolean preRelease = i < version.length();
    if (preRelease && !isPreRelease(version, i + 1)) {
      return NONE;
    }
    return (packed << NUMBER_BITS | number) << 1 | (preRelease ? 0 : 1);
  }

  /**
   * Tells whether {@code key} is a release's, whose equality with another key is equality of the
   * strings.
   */
  public static boolean isRelease(long key) {
    return (key & 1) == 1;
  }

  /**
   * Compares two pre-releases of the same release by their pre-release identifiers (section 11.4),
   * where they lie.
   *
   * @param a a version with a pre-release key
   * @param b a version with a pre-release key equal to {@code a}'s
   */
  public static int comparePreReleases(String a, String b) {
    int i = a.indexOf('-') + 1;
    int j = b.indexOf('-') + 1;
    while (true) {
      int aEnd = identifierEnd(a, i);
      int bEnd = identifierEnd(b, j);
      int order = compareIdentifiers(a, i, aEnd, b, j, bEnd);
      boolean aHasMore = aEnd < a.length();
      boolean bHasMore = bEnd < b.length();
      if (order != 0 || !aHasMore || !bHasMore) {
        // Section 11.4.4: a longer list wins when all before are equal.
        return order != 0 ? order : Boolean.compare(aHasMore, bHasMore);
      }
      i = aEnd + 1;
      j = bEnd + 1;
    }
  }

  /**
   * Compares pre-release identifiers {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)} (section
   * 11.4): numeric ones by value, of any length; numeric before alphanumeric; else ASCII order.
   */
  public static int compareIdentifiers(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
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

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
