package io.patchbay.campaign;

import io.patchbay.PatchbayException;

/**
 * Thrown when a client directory's content is invalid: it names the source, the line and column
 * (1-based; 0 if unknown) and the rule broken.
 */
public final class ClientDirectoryException extends PatchbayException {

  private final String source;
  private final long line;
  private final long column;

  /** Creates the error for {@code source} at {@code line} and {@code column}. */
  public ClientDirectoryException(
      String source, long line, long column, String problem, Throwable cause) {
    super(source + ":" + line + ":" + column + ": " + problem, cause);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** The file or stream read. */
  public String source() {
    return source;
  }

  /** The line of the problem, from 1. */
  public long line() {
    return line;
  }

  /** The column of the problem, from 1; 0 if unknown. */
  public long column() {
    return column;
  }
}
