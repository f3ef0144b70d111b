package io.patchbay.format;

import io.patchbay.format.FormatException.Problem;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What manifests, catalogs and signature files read alike: the shared {@link JsonReader} within
 * {@link JsonLimits}, failing with {@link FormatException}, and the values they have in common.
 */
final class FormatJson {

  /** The only schema version this package reads and the one it writes. */
  static final int SCHEMA_VERSION = 1;

  /** Reads one entry of the {@code files} array, its name with {@link Files#name}. */
  @FunctionalInterface
  interface Entry<T> {
    T read(JsonReader json, Files files) throws IOException;
  }

  /**
   * Where the names of a {@code files} array's entries are, so that a name met twice, found only
   * when the entries are indexed, is reported at its second entry.
   */
  static final class Files {
    private long[] names = new long[16];
    private int read;
    private JsonReader.ObjectReader entry;

    /** Requires an entry object of {@code fields} here and walks it; one reader for every entry. */
    JsonReader.ObjectReader entry(JsonReader json, JsonReader.Fields fields) {
      entry = entry == null ? json.object(fields) : entry.restart();
      return entry;
    }

    /** Requires the current entry's file name here, remembering where it is. */
    String name(JsonReader json) throws IOException {
      if (read == names.length) {
        names = Arrays.copyOf(names, names.length * 2);
      }
      names[read] = json.tokenPosition();
      return json.string("a file name");
    }

    private void entryRead() {
      read++;
    }

    private FormatException duplicate(DuplicateFileException e) {
      JsonReader.Position at =
          JsonReader.position(names[e.index()], "files[" + e.index() + "].name");
      return new FormatException(
          Problem.DUPLICATE_FILE, at.line(), at.column(), at.path(), e.getMessage(), e);
    }
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
   * Requires the {@code files} array here and reads its entries in order, giving each to {@code
   * add} as soon as it is read; then the map {@code built} makes of them (which fails with the
   * {@link DuplicateFileException} of the model).
   *
   * @throws FormatException if there are more entries than the limits allow, or a name is repeated
   */
  static <T> Map<String, T> files(
      JsonReader json, Entry<T> entry, Consumer<T> add, Supplier<Map<String, T>> built)
      throws IOException {
    Files names = new Files();
    json.forEachEntry(
        element -> {
          add.accept(entry.read(element, names));
          names.entryRead();
        });
    try {
      return built.get();
    } catch (DuplicateFileException e) {
      throw names.duplicate(e);
    }
  }

  /** Requires the schema version this package understands here. */
  static void schemaVersion(JsonReader json) throws IOException {
    json.schemaVersion(SCHEMA_VERSION);
  }

  /** Requires a SHA-256 digest in hexadecimal here; upper case is accepted. */
  static Sha256 sha256(JsonReader json) throws IOException {
    return json.characters("a SHA-256 digest", Sha256::parse);
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
