package io.patchbay.benchmarks;

/** The order in which a client lists its files, as a benchmark parameter. */
public enum ClientOrder {
  /**
   * A random order, as a device walking its file system might report them: every lookup of a
   * catalog file lands somewhere else in memory. The harder case, and the default.
   */
  SHUFFLED,
  /**
   * The catalog's order, then the files only the client holds: as a client that installed
   * everything from this head end, or that sorts its list by name like the catalog, would report
   * them.
   */
  CATALOG
}
