package io.patchbay.version;

/**
 * Debian package versions, as Debian Policy section 5.6.12 defines them and dpkg compares them:
 * {@code [epoch:]upstream_version[-debian_revision]}.
 *
 * <p>Syntax, checked strictly: the epoch is an unsigned integer; the upstream version starts with
 * a digit (dpkg only warns; we reject, since a gateway must not guess) and holds alphanumerics and
 * {@code . + ~}, plus {@code -} only if there is a revision and {@code :} only if there is an
 * epoch; the revision follows the last hyphen and holds alphanumerics and {@code + . ~}.
 *
 * <p>Comparison: epochs numerically, then upstream versions, then revisions (a missing revision
 * equals {@code 0}), each with dpkg's {@code verrevcmp}: alternately a non-digit run compared
 * character by character, where {@code ~} sorts before everything, even the end of the string,
 * and letters before other characters; then a digit run compared numerically, of any length.
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
    int order = Digits.compare(x.epoch, 0, x.epoch.length(), y.epoch, 0, y.epoch.length());
    if (order == 0) {
      order = verrevcmp(x.upstream, y.upstream);
    }
    return order != 0 ? order : verrevcmp(x.revision, y.revision);
  }

  @Override
  public void validate(String version) {
    parse(version);
  }

  private record Parsed(String epoch, String upstream, String revision) {}

  private static Parsed parse(String version) {
    if (version == null || version.isEmpty()) {
      throw invalid(version, "must not be empty");
    }
    int colon = version.indexOf(':');
    String epoch = colon < 0 ? "0" : version.substring(0, colon);
    if (epoch.isEmpty() || !epoch.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(version, "epoch must be an unsigned integer");
    }
    int hyphen = version.lastIndexOf('-');
    if (hyphen >= 0 && hyphen < colon) {
      hyphen = -1;
    }
    String upstream = version.substring(colon + 1, hyphen < 0 ? version.length() : hyphen);
    String revision = hyphen < 0 ? "" : version.substring(hyphen + 1);
    if (upstream.isEmpty() || upstream.charAt(0) < '0' || upstream.charAt(0) > '9') {
      throw invalid(version, "upstream version must start with a digit");
    }
    if (hyphen >= 0 && revision.isEmpty()) {
      throw invalid(version, "revision after '-' must not be empty");
    }
    for (int i = 0; i < upstream.length(); i++) {
      char c = upstream.charAt(i);
      boolean allowed = isAlphanumeric(c) || c == '.' || c == '+' || c == '~'
          || (c == '-' && hyphen >= 0) || (c == ':' && colon >= 0);
      if (!allowed) {
        throw invalid(version, "upstream version must not contain '" + c + "'");
      }
    }
    for (int i = 0; i < revision.length(); i++) {
      char c = revision.charAt(i);
      if (!(isAlphanumeric(c) || c == '.' || c == '+' || c == '~')) {
        throw invalid(version, "revision must not contain '" + c + "'");
      }
    }
    return new Parsed(epoch, upstream, revision);
  }

  /** dpkg's {@code verrevcmp} (lib/dpkg/version.c). */
  private static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
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

  /** The sort weight of a non-digit character: {@code ~} lowest, then the end, letters, the rest. */
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
