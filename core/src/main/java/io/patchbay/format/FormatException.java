package io.patchbay.format;

import io.patchbay.PatchbayException;

/**
 * Thrown when a manifest or catalog document cannot be read: says which rule it broke and where, as
 * in {@code line 3, column 14 (files[2].size): expected a non-negative integer, found a string}.
 *
 * <p>Lines and columns count from 1; columns count bytes of the UTF-8 input, not characters. The
 * {@linkplain #path() path} names the offending value the way a reader of the document would, such
 * as {@code files[2].size}. Where a model rule rejected a value (an unsafe file name, a malformed
 * digest or version, a file listed twice), the model's exception is the {@linkplain #getCause()
 * cause}.
 */
public final class FormatException extends PatchbayException {

  /** The kind of rule a document broke, for callers that react differently to each. */
  public enum Problem {
    /**
     * The bytes are not one well-formed JSON value: a syntax error, no value, or content after it.
     */
    MALFORMED_JSON,
    /** The document exceeds one of its reader's {@link JsonLimits}. */
    TOO_LARGE,
    /** The {@code schemaVersion} is not one this reader understands. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** An object lacks a required field. */
    MISSING_FIELD,
    /** An object names the same field twice, which JSON parsers resolve differently. */
    DUPLICATE_FIELD,
    /** A value has the wrong JSON type, such as a size written as a string or as {@code 1.5}. */
    WRONG_TYPE,
    /** A value has the right type but breaks a rule, such as a negative size or an unsafe name. */
    INVALID_VALUE,
    /** Two entries of the {@code files} array have the same name. */
    DUPLICATE_FILE
  }

  private final String source;
  private final Problem problem;
  private final int line;
  private final int column;
  private final String path;
  private final String reason;

  FormatException(
      Problem problem, int line, int column, String path, String reason, Throwable cause) {
    this(null, problem, line, column, path, reason, cause);
  }

  private FormatException(
      String source,
      Problem problem,
      int line,
      int column,
      String path,
      String reason,
      Throwable cause) {
    super(message(source, line, column, path, reason), cause);
    this.source = source;
    this.problem = problem;
    this.line = line;
    this.column = column;
    this.path = path;
    this.reason = reason;
  }

  /**
   * A document refused for its size before it was parsed, such as a catalog over {@link
   * JsonLimits#maxDocumentBytes()} while it is spooled and hashed.
   *
   * @param reason what is too large, in words
   */
  public static FormatException tooLarge(String reason) {
    return new FormatException(Problem.TOO_LARGE, 1, 1, "", reason, null);
  }

  /**
   * The same error, naming the document it is in, as in {@code catalog.json.sig: line 1, column 1:
   * malformed JSON}. Readers parse streams and do not know where they came from; whoever opened the
   * stream adds it.
   *
   * @param source the document's URL or file
   */
  public FormatException in(String source) {
    FormatException named =
        new FormatException(source, problem, line, column, path, reason, getCause());
    named.setStackTrace(getStackTrace());
    return named;
  }

  /** The document's URL or file, or {@code null} if the reader's caller did not name it. */
  public String source() {
    return source;
  }

  /** The kind of rule the document broke. */
  public Problem problem() {
    return problem;
  }

  /** The line of the offending token, counting from 1. */
  public int line() {
    return line;
  }

  /** The column of the offending token in bytes of its line, counting from 1. */
  public int column() {
    return column;
  }

  /**
   * Where in the document the offending value is, such as {@code files[2].size}; empty for the
   * document as a whole. Field names that are not plain words are quoted, as in {@code
   * files[0].targets["hw rev"]}.
   */
  public String path() {
    return path;
  }

  /** What is wrong, in words, without the position. */
  public String reason() {
    return reason;
  }

  private static String message(String source, int line, int column, String path, String reason) {
    String at = (source == null ? "" : source + ": ") + "line " + line + ", column " + column;
    return (path.isEmpty() ? at : at + " (" + path + ")") + ": " + reason;
  }
}
