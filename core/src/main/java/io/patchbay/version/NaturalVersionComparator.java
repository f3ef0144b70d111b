package io.patchbay.version;

/** Placeholder until the scheme is implemented: compares strings lexically. */
final class NaturalVersionComparator implements VersionComparator {

  static final NaturalVersionComparator INSTANCE = new NaturalVersionComparator();

  @Override
  public String scheme() {
    return "natural";
  }

  @Override
  public int compare(String a, String b) {
    return a.compareTo(b);
  }

  @Override
  public void validate(String version) {}
}
