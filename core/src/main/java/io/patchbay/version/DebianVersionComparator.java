package io.patchbay.version;

/** Placeholder until the scheme is implemented: compares strings lexically. */
final class DebianVersionComparator implements VersionComparator {

  static final DebianVersionComparator INSTANCE = new DebianVersionComparator();

  @Override
  public String scheme() {
    return "debian";
  }

  @Override
  public int compare(String a, String b) {
    return a.compareTo(b);
  }

  @Override
  public void validate(String version) {}
}
