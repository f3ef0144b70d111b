package io.patchbay.version;

/**
 * Debian package versions, as Debian Policy section 5.6.12 defines them and dpkg compares them:
 * {@code [epoch:]upstream_version[-debian_revision]}.
 *
 * <p>Syntax: we accept exactly what {@code dpkg --validate-version} accepts, except surrounding
 * blanks and a signed epoch, which dpkg's parser tolerates. So the epoch is an unsigned integer of
 * at most {@value Integer#MAX_VALUE} (dpkg's limit); the upstream version must start with a digit
 * and holds only alphanumerics and {@code . + ~ - :}; the revision follows the last hyphen, must
 * not be empty and holds only alphanumerics and {@code . + ~}. Where dpkg merely warns (an upstream
 * version not starting with a digit, a character outside these sets) we reject, because a gateway
 * must not guess. A hyphen in the upstream version implies a revision and a colon implies an epoch,
 * by construction, as the policy requires. We keep the colon, which the current policy no longer
 * lists but dpkg and deb-version(7) still allow.
 *
 * <p>Comparison (policy 5.6.12, "Ordering"): epochs numerically, then upstream versions, then
 * revisions (a missing revision equals {@code 0}), each with dpkg's {@code verrevcmp}.
 */
final class DebianVersionComparator implements VersionComparator {

  static final DebianVersionComparator INSTANCE = new DebianVersionComparator();

  private DebianVersionComparator() {}

  @Override
  public String scheme() {
    return "debian";
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    int order = Integer.compare(x.epoch, y.epoch);
    if (order == 0) {
      order = verrevcmp(x.upstream, y.upstream);
    }
    return order != 0 ? order : verrevcmp(x.revision, y.revision);
  }

  @Override
  public void validate(String version) {
    parse(version);
  }

  private record Parsed(int epoch, String upstream, String revision) {}

  private static Parsed parse(String version) {
    if (version == null || version.isEmpty()) {
      throw invalid(version, "must not be empty");
    }
    // The epoch ends at the first colon, the revision starts after the last hyphen (policy 5.6.12).
    int colon = version.indexOf(':');
    int epoch = colon < 0 ? 0 : parseEpoch(version, version.substring(0, colon));
    int hyphen = version.lastIndexOf('-');
    String upstream = version.substring(colon + 1, hyphen < 0 ? version.length() : hyphen);
    String revision = hyphen < 0 ? "" : version.substring(hyphen + 1);
    if (upstream.isEmpty()) {
      throw invalid(version, "upstream version must not be empty");
    }
    if (!isDigit(upstream.charAt(0))) {
      throw invalid(version, "upstream version must start with a digit");
    }
    if (hyphen >= 0 && revision.isEmpty()) {
      throw invalid(version, "revision after the last '-' must not be empty");
    }
    for (int i = 0; i < upstream.length(); i++) {
      char c = upstream.charAt(i);
      if (!isAlphanumeric(c) && ".+~-:".indexOf(c) < 0) {
        throw invalid(version, "upstream version must not contain '" + c + "'");
      }
    }
    for (int i = 0; i < revision.length(); i++) {
      char c = revision.charAt(i);
      if (!isAlphanumeric(c) && ".+~".indexOf(c) < 0) {
        throw invalid(version, "revision must not contain '" + c + "'");
      }
    }
    return new Parsed(epoch, upstream, revision);
  }

  private static int parseEpoch(String version, String epoch) {
    if (epoch.isEmpty() || !epoch.chars().allMatch(c -> isDigit((char) c))) {
      throw invalid(version, "epoch must be an unsigned integer");
    }
    try {
      return Integer.parseInt(epoch);
    } catch (NumberFormatException tooBig) {
      throw invalid(version, "epoch must not exceed " + Integer.MAX_VALUE);
    }
  }

  /**
   * dpkg's {@code verrevcmp} (lib/dpkg/version.c): alternately a non-digit run, compared character
   * by character with {@link #order(char)}, and a digit run, compared by value however long.
   */
  private static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a.charAt(i)))
          || (j < b.length() && !isDigit(b.charAt(j)))) {
        int ac = i < a.length() ? order(a.charAt(i)) : 0;
        int bc = j < b.length() ? order(b.charAt(j)) : 0;
        if (ac != bc) {
          return Integer.signum(ac - bc);
        }
        i++;
        j++;
      }
      int aStart = i;
      int bStart = j;
      while (i < a.length() && isDigit(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && isDigit(b.charAt(j))) {
        j++;
      }
      int order = Digits.compare(a, aStart, i, b, bStart, j);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /**
   * The weight of a character in a non-digit run, where the end of the run (and a digit, which ends
   * it) weighs 0: {@code ~} sorts before everything, even the end, so {@code 1.0~rc1 < 1.0};
   * letters sort before all other characters, so {@code 1.0a < 1.0+b1}.
   */
  private static int order(char c) {
    if (isDigit(c)) {
      return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    return c == '~' ? -1 : c + 256;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlphanumeric(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static InvalidVersionException invalid(String version, String reason) {
    return InvalidVersionException.of(version, "debian", reason);
  }
}
