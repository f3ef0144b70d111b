package io.patchbay.plan;

/**
 * An {@link Action} with the reason the planner gives for it: what a plan keeps per file, one byte
 * each, until a {@link PlannedFile} is asked for.
 */
enum Verdict {
  SAME_VERSION(Action.UP_TO_DATE, "client has the catalog's version"),
  SAME_PRECEDENCE(Action.UP_TO_DATE, "versions differ only where precedence ignores it"),
  NEWER(Action.UPDATE, "catalog's version is newer"),
  MISSING(Action.INSTALL, "client lacks the file"),
  MISSING_NOT_WANTED(
      Action.NOT_INSTALLED, "client lacks the file; policy does not install missing files"),
  DRIFTED(
      Action.DRIFTED,
      "client's digest is not the catalog's for the same version; policy repairs drift"),
  DRIFT_REPORTED(
      Action.DRIFT_REPORTED,
      "client's digest is not the catalog's for the same version; policy only reports drift"),
  ANOMALY(
      Action.ANOMALY,
      "client's version is newer than any the catalog published; policy forbids downgrades"),
  DOWNGRADE(Action.DOWNGRADE, "client's version is newer; policy allows downgrades"),
  HELD(Action.HELD, "held by policy"),
  NOT_TARGETED(Action.NOT_TARGETED, "catalog entry does not target this client"),
  NOT_IN_CATALOG(Action.NOT_IN_CATALOG, "catalog does not list the file"),
  /** The reason is the version error, kept per file. */
  INVALID_VERSION(Action.INVALID_VERSION, null);

  private static final Verdict[] ALL = values();

  final Action action;
  final String reason;

  Verdict(Action action, String reason) {
    this.action = action;
    this.reason = reason;
  }

  /** How many verdicts there are: codes run from 0 to this, exclusive. */
  static final int COUNT = ALL.length;

  /** The verdict {@code code} stands for. */
  static Verdict of(int code) {
    return ALL[code];
  }

  /** This verdict as one byte, for a plan's array of them. */
  @SuppressWarnings("EnumOrdinal") // the code is only ever read back through of(int)
  byte code() {
    return (byte) ordinal();
  }
}
