package io.patchbay.benchmarks;

/** How much of a client's current list is behind the catalog, as a benchmark parameter. */
public enum ChangeRate {
  /** 0.1% of the files are older on the client: a fleet that is nearly up to date. */
  FEW(0.001),
  /** Half of the files are older on the client: a large release. */
  MANY(0.5);

  private final double olderShare;

  ChangeRate(double olderShare) {
    this.olderShare = olderShare;
  }

  /** How many of {@code size} files the client holds in an older version; at least one. */
  int olderFiles(int size) {
    return Math.max(1, (int) Math.round(size * olderShare));
  }
}
