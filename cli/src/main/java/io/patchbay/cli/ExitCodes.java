package io.patchbay.cli;

/**
 * The exit codes of the {@code patchbay} command, the same for every command. Every command's
 * {@code --help} lists them (from {@link Patchbay}'s {@code exitCodeList}); README.md documents
 * them once for all commands.
 */
final class ExitCodes {

  /** Everything succeeded. */
  static final int OK = 0;

  /** The run finished, but some clients or files failed; each is reported by name. */
  static final int FAILURES = 1;

  /** The command line was wrong; picocli prints the usage. */
  static final int USAGE = 2;

  /**
   * The command could not run: the catalog could not be fetched, read or verified, a file could not
   * be read or written, a catalog to build is invalid.
   */
  static final int ERROR = 3;

  /**
   * The run finished and nothing failed, but some client reported a file in a version newer than
   * the catalog's, one the head end never published (an anomaly, left alone); each is reported by
   * client and file. Failures take precedence: a run with both exits {@link #FAILURES}, and the
   * anomalies are still in its output.
   */
  static final int ANOMALIES = 4;

  private ExitCodes() {}

  /** The exit code of a run that finished: failures first, then anomalies, then success. */
  static int ofRun(boolean failed, boolean anomalous) {
    if (failed) {
      return FAILURES;
    }
    return anomalous ? ANOMALIES : OK;
  }
}
