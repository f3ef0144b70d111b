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

  private ExitCodes() {}
}
