package io.patchbay.version;

/** Placeholder until the scheme is implemented: compares strings lexically. */
final class SemVerComparator implements VersionComparator {

  static final SemVerComparator INSTANCE = new SemVerComparator();

  @Override
  public String scheme() {
    return "semver";
  }

  @Override
  public int compare(String a, String b) {
    return a.compareTo(b);
  }

  @Override
  public void validate(String version) {}
}
