package io.patchbay.plan;

/**
 * What the planner decided for one file of one client.
 *
 * <p>Whether an action moves a file is fixed per constant ({@link #transfers()}); where the policy
 * decides, the two outcomes are two constants: {@link #DRIFTED} and {@link #DRIFT_REPORTED}, {@link
 * #DOWNGRADE} and {@link #ANOMALY}.
 */
public enum Action {
  /** The head end's version is newer than the client's: transfer it. */
  UPDATE(true),
  /** The client lacks the file and the policy installs missing files: transfer it. */
  INSTALL(true),
  /** The head end's version is older and the policy allows downgrades: transfer it. */
  DOWNGRADE(true),
  /** Both sides have the same version; where the client reported a digest, it is the catalog's. */
  UP_TO_DATE(false),
  /**
   * The client reports the catalog's version with another digest (its bytes are not the ones the
   * head end published) and the policy repairs drift: reinstall the catalog's file.
   */
  DRIFTED(true),
  /**
   * The client reports the catalog's version with another digest and the policy only reports drift:
   * leave it, and say so in the report.
   */
  DRIFT_REPORTED(false),
  /**
   * The client reports a version newer than the catalog's, one the head end never published, and
   * the policy forbids downgrades: leave it, and report it: reports count anomalies, and the CLI
   * exits with a code of its own.
   */
  ANOMALY(false),
  /** The client holds a file the catalog does not list: leave it. */
  NOT_IN_CATALOG(false),
  /** The catalog entry is not targeted at this client's model or hardware: leave it. */
  NOT_TARGETED(false),
  /** The client lacks the file and the policy does not install missing files. */
  NOT_INSTALLED(false),
  /** The policy holds (pins) this file at whatever the client has. */
  HELD(false),
  /** A version string is not valid in the file's scheme: the file is not touched. */
  INVALID_VERSION(false);

  private final boolean transfers;

  Action(boolean transfers) {
    this.transfers = transfers;
  }

  /** Tells whether this action moves a file from the head end to the client. */
  public boolean transfers() {
    return transfers;
  }
}
