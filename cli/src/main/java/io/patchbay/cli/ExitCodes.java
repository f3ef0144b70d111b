package io.patchbay.cli;

/** The exit codes of the {@code patchbay} command, as documented in its help. */
final class ExitCodes {

  static final int OK = 0;
  static final int FAILURES = 1;
  static final int USAGE = 2;
  static final int ERROR = 3;

  private ExitCodes() {}
}
