package io.patchbay.version;

import io.patchbay.internal.version.SemVerKey;
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
 * major, minor and patch has at most six digits (nearly all versions in practice), both have a
 * {@link SemVerKey}: the keys decide, and only pre-releases of the same release are compared
 * further, where they lie, by the same rules, allocating nothing. Anything else goes through the
 * full parse; a test holds both paths to the same order.
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
    long keyA = SemVerKey.of(a);
    long keyB = SemVerKey.of(b);
    if (keyA != SemVerKey.NONE && keyB != SemVerKey.NONE) {
      if (keyA != keyB) {
        return Long.compare(keyA, keyB);
      }
      return SemVerKey.isRelease(keyA) ? 0 : SemVerKey.comparePreReleases(a, b);
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
    // A key is only ever made for a valid version.
    if (SemVerKey.of(version) == SemVerKey.NONE) {
      parse(version);
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
      int order = SemVerKey.compareIdentifiers(x, 0, x.length(), y, 0, y.length());
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
