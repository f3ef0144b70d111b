package io.patchbay.format;

import io.patchbay.format.FormatException.Problem;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What manifests, catalogs and signature files read alike: the shared {@link JsonReader} within
 * {@link JsonLimits}, failing with {@link FormatException}, and the values they have in common.
 */
final class FormatJson {

  /** The only schema version this package reads and the one it writes. */
  static final int SCHEMA_VERSION = 1;

  /** Reads one entry of the {@code files} array; {@code earlier} holds the names read before it. */
  @FunctionalInterface
  interface Entry<T> {
    T read(JsonReader json, Set<String> earlier) throws IOException;
  }

  private FormatJson() {}

  /**
   * Reads {@code in} to its end as one JSON value, read by {@code document}. Leaves {@code in}
   * open.
   *
   * @throws FormatException if the document breaks a rule or a limit
   * @throws IOException if reading {@code in} fails
   */
  static <T> T read(InputStream in, JsonLimits limits, JsonReader.Value<T> document)
      throws IOException {
    return JsonReader.read(in, limits.readerLimits(), FormatJson::failure, document);
  }

  /**
   * Requires the {@code files} array here and reads its entries in order, keyed by name.
   *
   * @throws FormatException if there are more entries than the limits allow
   */
  static <T> Map<String, T> files(JsonReader json, Entry<T> entry, Function<T, String> nameOf)
      throws IOException {
    Map<String, T> files = new LinkedHashMap<>();
    Set<String> names = Collections.unmodifiableSet(files.keySet());
    json.forEachEntry(
        element -> {
          T value = entry.read(element, names);
          files.put(nameOf.apply(value), value);
        });
    return files;
  }

  /** Requires the schema version this package understands here. */
  static void schemaVersion(JsonReader json) throws IOException {
    json.schemaVersion(SCHEMA_VERSION);
  }

  /**
   * Requires a file name here that no earlier entry has. Whether it is a safe one is checked once,
   * by the entry's constructor: readers turn its {@link io.patchbay.model.InvalidFileNameException}
   * into a failure at the name with {@link JsonReader.ObjectReader#rejected}.
   *
   * @throws FormatException caused by the model's {@link DuplicateFileException}
   */
  static String fileName(JsonReader json, Set<String> earlier) throws IOException {
    String name = json.string("a file name");
    if (earlier.contains(name)) {
      DuplicateFileException duplicate = new DuplicateFileException(name);
      JsonReader.Position at = json.position();
      throw new FormatException(
          Problem.DUPLICATE_FILE,
          at.line(),
          at.column(),
          at.path(),
          duplicate.getMessage(),
          duplicate);
    }
    return name;
  }

  /** Requires a SHA-256 digest in hexadecimal here; upper case is accepted. */
  static Sha256 sha256(JsonReader json) throws IOException {
    return json.string("a SHA-256 digest", Sha256::parse);
  }

  private static FormatException failure(
      JsonReader.Kind kind, JsonReader.Position at, String reason, Throwable cause) {
    return new FormatException(problem(kind), at.line(), at.column(), at.path(), reason, cause);
  }

  private static Problem problem(JsonReader.Kind kind) {
    return switch (kind) {
      case MALFORMED_JSON -> Problem.MALFORMED_JSON;
      case TOO_LARGE -> Problem.TOO_LARGE;
      case UNSUPPORTED_SCHEMA_VERSION -> Problem.UNSUPPORTED_SCHEMA_VERSION;
      case MISSING_FIELD -> Problem.MISSING_FIELD;
      case DUPLICATE_FIELD -> Problem.DUPLICATE_FIELD;
      case WRONG_TYPE -> Problem.WRONG_TYPE;
      case INVALID_VALUE -> Problem.INVALID_VALUE;
      // The formats skip fields they do not know, so that newer writers can add some.
      case UNEXPECTED_FIELD ->
          throw new IllegalStateException("The formats' fields are never closed");
    };
  }
}
