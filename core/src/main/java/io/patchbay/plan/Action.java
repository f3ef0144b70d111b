package io.patchbay.plan;

/** What the planner decided for one file of one client. */
public enum Action {
  /** The head end's version is newer than the client's: transfer it. */
  UPDATE(true),
  /** The client lacks the file and the policy installs missing files: transfer it. */
  INSTALL(true),
  /** The head end's version is older and the policy allows downgrades: transfer it. */
  DOWNGRADE(true),
  /** Both sides have the same version. */
  UP_TO_DATE(false),
  /** The client's version is newer and the policy forbids downgrades: leave it. */
  CLIENT_NEWER(false),
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
