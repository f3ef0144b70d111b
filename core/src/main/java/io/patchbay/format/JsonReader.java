package io.patchbay.format;

import static io.patchbay.format.FormatException.Problem.DUPLICATE_FIELD;
import static io.patchbay.format.FormatException.Problem.DUPLICATE_FILE;
import static io.patchbay.format.FormatException.Problem.INVALID_VALUE;
import static io.patchbay.format.FormatException.Problem.MALFORMED_JSON;
import static io.patchbay.format.FormatException.Problem.MISSING_FIELD;
import static io.patchbay.format.FormatException.Problem.TOO_LARGE;
import static io.patchbay.format.FormatException.Problem.UNSUPPORTED_SCHEMA_VERSION;
import static io.patchbay.format.FormatException.Problem.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.patchbay.PatchbayException;
import io.patchbay.format.FormatException.Problem;
import io.patchbay.internal.Untrusted;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.FileNames;
import io.patchbay.model.Sha256;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads what manifests and catalogs have in common from a streaming parser: the document around
 * one value, objects of known fields, the {@code files} array and typed values. Every failure is
 * a {@link FormatException} at the offending token.
 *
 * <p>Value methods expect the parser on the value's first token and leave it on the value's last.
 * One instance reads one document; not thread-safe.
 */
final class JsonReader {

  /** Reads one value. */
  @FunctionalInterface
  interface Value<T> {
    T read(JsonReader json) throws IOException;
  }

  /** Reads one entry of the {@code files} array; {@code earlier} holds the names read before it. */
  @FunctionalInterface
  interface Entry<T> {
    T read(JsonReader json, Set<String> earlier) throws IOException;
  }

  /** The fields one kind of object understands, required ones first; other fields are skipped. */
  static final class Fields {
    private final List<String> names;
    private final int required;

    private Fields(List<String> names, int required) {
      this.names = names;
      this.required = required;
    }

    /** Fields that every object of the kind must have. */
    static Fields required(String... names) {
      return new Fields(List.of(names), names.length);
    }

    /** These fields and some optional ones. */
    Fields optional(String... more) {
      List<String> all = new ArrayList<>(names);
      all.addAll(List.of(more));
      return new Fields(List.copyOf(all), required);
    }
  }

  /** Walks the fields of one object; see {@link #next()}. */
  final class ObjectReader {
    private final Fields fields;
    private final JsonLocation start;
    private final JsonLocation[] valueLocations;
    private int seen;

    private ObjectReader(Fields fields) {
      this.fields = fields;
      this.start = parser.currentTokenLocation();
      this.valueLocations = new JsonLocation[fields.names.size()];
    }

    /**
     * Moves to the value of the next known field and returns the field's name; at the end of the
     * object, checks that every required field was there and returns {@code null}.
     */
    String next() throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int index = fields.names.indexOf(name);
        if (index >= 0 && (seen & 1 << index) != 0) {
          throw fail(DUPLICATE_FIELD, "field " + Untrusted.quote(name) + " appears more than once");
        }
        parser.nextToken();
        if (index >= 0) {
          seen |= 1 << index;
          valueLocations[index] = parser.currentTokenLocation();
          return name;
        }
        // A newer writer's field: skip it, with everything nested in it.
        parser.skipChildren();
      }
      for (int i = 0; i < fields.required; i++) {
        if ((seen & 1 << i) == 0) {
          String reason = "missing required field \"" + fields.names.get(i) + "\"";
          throw failure(start, currentPath(), MISSING_FIELD, reason, null);
        }
      }
      return null;
    }

    /**
     * The error for a field whose value the model rejected once the whole object was read, at
     * that value's position.
     */
    FormatException rejected(String field, PatchbayException cause) {
      JsonLocation where = valueLocations[fields.names.indexOf(field)];
      String path = appendName(new StringBuilder(currentPath()), field).toString();
      return failure(where, path, INVALID_VALUE, cause.getMessage(), cause);
    }
  }

  private final JsonParser parser;
  private final JsonLimits limits;

  private JsonReader(JsonParser parser, JsonLimits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  /**
   * Reads {@code in} to its end as one JSON value, read by {@code document}, with nothing after it
   * but white space. Leaves {@code in} open.
   *
   * @throws FormatException if the document breaks a rule or a limit
   * @throws IOException if reading {@code in} fails
   */
  static <T> T read(InputStream in, JsonLimits limits, Value<T> document) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    JsonParser parser;
    try {
      parser = Json.factoryFor(limits).createParser(new LimitedInputStream(in, limits.maxDocumentBytes()));
    } catch (LimitedInputStream.LimitExceededException | CharConversionException e) {
      // Jackson reads the first bytes as it creates the parser, to detect their encoding.
      throw translated(e, limits, 1, 1, "");
    }
    try (parser) {
      return new JsonReader(parser, limits).readDocument(document);
    }
  }

  private <T> T readDocument(Value<T> document) throws IOException {
    try {
      if (parser.nextToken() == null) {
        throw failure(parser.currentLocation(), "", MALFORMED_JSON, "the document is empty", null);
      }
      T result = document.read(this);
      if (parser.nextToken() != null) {
        throw fail(MALFORMED_JSON, "unexpected content after the document");
      }
      return result;
    } catch (LimitedInputStream.LimitExceededException | JsonProcessingException | CharConversionException e) {
      // The parser failed while looking for the next token, so the failure lies after the current
      // token if that is a complete value, and in it otherwise.
      JsonToken token = parser.currentToken();
      boolean afterValue = token != null && (token.isScalarValue() || token.isStructEnd());
      // A stream that fails mid-read leaves the parser's input position past bytes it never got;
      // only the current token's position is still right then.
      JsonLocation where =
          e instanceof JsonProcessingException ? parser.currentLocation() : parser.currentTokenLocation();
      throw translated(e, where, pathOf(parser.getParsingContext(), !afterValue));
    }
  }

  /** Requires an object here and walks its fields. */
  ObjectReader object(Fields fields) {
    require(JsonToken.START_OBJECT, "an object");
    return new ObjectReader(fields);
  }

  /**
   * Requires an object here and reads every field's value, keyed by field name.
   *
   * @throws FormatException if a field name appears twice
   */
  <T> Map<String, T> map(Value<T> value) throws IOException {
    require(JsonToken.START_OBJECT, "an object");
    Map<String, T> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (map.containsKey(name)) {
        throw fail(DUPLICATE_FIELD, "field " + Untrusted.quote(name) + " appears more than once");
      }
      parser.nextToken();
      map.put(name, value.read(this));
    }
    return map;
  }

  /** Requires an array here and reads its elements in order. */
  <T> List<T> list(Value<T> element) throws IOException {
    require(JsonToken.START_ARRAY, "an array");
    List<T> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(element.read(this));
    }
    return list;
  }

  /**
   * Requires the {@code files} array here and reads its entries in order, keyed by name.
   *
   * @throws FormatException if there are more entries than the limits allow
   */
  <T> Map<String, T> files(Entry<T> entry, Function<T, String> nameOf) throws IOException {
    require(JsonToken.START_ARRAY, "an array");
    Map<String, T> files = new LinkedHashMap<>();
    Set<String> names = Collections.unmodifiableSet(files.keySet());
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (files.size() == limits.maxEntries()) {
        throw fail(TOO_LARGE, "more than " + limits.maxEntries() + " entries");
      }
      T value = entry.read(this, names);
      files.put(nameOf.apply(value), value);
    }
    return files;
  }

  /**
   * Requires the schema version this package understands here.
   *
   * @throws FormatException if it is another one
   */
  void schemaVersion() throws IOException {
    require(JsonToken.VALUE_NUMBER_INT, "an integer");
    if (parser.getNumberType() != JsonParser.NumberType.INT || parser.getIntValue() != Json.SCHEMA_VERSION) {
      throw fail(
          UNSUPPORTED_SCHEMA_VERSION,
          "schema version " + Untrusted.quote(parser.getText()) + " is not supported; this reader supports "
              + Json.SCHEMA_VERSION);
    }
  }

  /**
   * Requires a safe file name here that no earlier entry has.
   *
   * @throws FormatException caused by the model's {@link io.patchbay.model.InvalidFileNameException}
   *     or {@link DuplicateFileException}
   */
  String fileName(Set<String> earlier) throws IOException {
    String name = string("a file name", FileNames::requireValid);
    if (earlier.contains(name)) {
      DuplicateFileException duplicate = new DuplicateFileException(name);
      throw fail(DUPLICATE_FILE, duplicate.getMessage(), duplicate);
    }
    return name;
  }

  /** Requires a SHA-256 digest in hexadecimal here; upper case is accepted. */
  Sha256 sha256() throws IOException {
    return string("a SHA-256 digest", Sha256::parse);
  }

  /** Requires a non-negative integer that fits a {@code long} here. */
  long nonNegativeInteger() throws IOException {
    String what = "a non-negative integer";
    require(JsonToken.VALUE_NUMBER_INT, what);
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw fail(INVALID_VALUE, "expected " + what + ", found one too large for 64 bits");
    }
    long value = parser.getLongValue();
    if (value < 0) {
      throw fail(INVALID_VALUE, "expected " + what + ", found " + value);
    }
    return value;
  }

  /** Requires a string here, described to the reader of an error as {@code what}. */
  String string(String what) throws IOException {
    require(JsonToken.VALUE_STRING, what);
    try {
      return parser.getText();
    } catch (JsonProcessingException e) {
      // Jackson decodes a string only when asked to, so these failures are this value's.
      throw translated(e, parser.currentTokenLocation(), currentPath());
    }
  }

  /**
   * Requires a string here and converts it.
   *
   * @throws FormatException if {@code conversion} rejects the string, caused by its exception
   */
  <T> T string(String what, Function<String, T> conversion) throws IOException {
    String text = string(what);
    try {
      return conversion.apply(text);
    } catch (PatchbayException e) {
      // Model exceptions already state the rule and quote the value.
      throw fail(INVALID_VALUE, e.getMessage(), e);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw fail(INVALID_VALUE, "expected " + what + ", found " + Untrusted.quote(text), e);
    }
  }

  /** The error for the value at the parser's current token. */
  FormatException fail(Problem problem, String reason) {
    return fail(problem, reason, null);
  }

  private FormatException fail(Problem problem, String reason, Throwable cause) {
    return failure(parser.currentTokenLocation(), currentPath(), problem, reason, cause);
  }

  private void require(JsonToken expected, String what) {
    JsonToken found = parser.currentToken();
    if (found != expected) {
      throw fail(WRONG_TYPE, "expected " + what + ", found " + describe(found));
    }
  }

  private String currentPath() {
    return pathOf(parser.getParsingContext(), true);
  }

  private FormatException translated(IOException e, JsonLocation fallback, String path) {
    JsonLocation where = fallback;
    if (e instanceof JsonProcessingException jackson && jackson.getLocation() != null) {
      where = jackson.getLocation();
    }
    // Before the first token, Jackson puts the current token at column 0.
    return translated(e, limits, where.getLineNr(), Math.max(1, where.getColumnNr()), path);
  }

  /** The FormatException for a failure of the parser or of the stream limit. */
  private static FormatException translated(IOException e, JsonLimits limits, int line, int column, String path) {
    Problem problem;
    String reason;
    if (e instanceof LimitedInputStream.LimitExceededException) {
      problem = TOO_LARGE;
      reason = "the document is longer than " + limits.maxDocumentBytes() + " bytes";
    } else if (e instanceof StreamConstraintsException tooLarge) {
      problem = TOO_LARGE;
      reason = tooLarge.getOriginalMessage();
    } else if (e instanceof JsonProcessingException malformed) {
      problem = MALFORMED_JSON;
      reason = "malformed JSON: " + Untrusted.quote(malformed.getOriginalMessage());
    } else {
      // A CharConversionException: Jackson took the bytes for UTF-32 and found them invalid.
      problem = MALFORMED_JSON;
      reason = "not JSON text: " + Untrusted.quote(e.getMessage());
    }
    return new FormatException(problem, line, column, path, reason, e);
  }

  private static FormatException failure(
      JsonLocation where, String path, Problem problem, String reason, Throwable cause) {
    return new FormatException(problem, where.getLineNr(), where.getColumnNr(), path, reason, cause);
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /**
   * The path of {@code context}'s current value, or of {@code context} itself without its current
   * field or element. A context that has not reached its first field or element adds nothing, so
   * the path of a START token is that of the value it starts.
   */
  private static String pathOf(JsonStreamContext context, boolean withCurrent) {
    StringBuilder path = new StringBuilder();
    if (!context.inRoot()) {
      path.append(pathOf(context.getParent(), true));
      if (withCurrent && context.hasPathSegment()) {
        if (context.inArray()) {
          path.append('[').append(context.getCurrentIndex()).append(']');
        } else {
          appendName(path, context.getCurrentName());
        }
      }
    }
    return path.toString();
  }

  private static StringBuilder appendName(StringBuilder path, String name) {
    if (!isPlainWord(name)) {
      return path.append('[').append(Untrusted.quote(name)).append(']');
    }
    return (path.length() == 0 ? path : path.append('.')).append(name);
  }

  private static boolean isPlainWord(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
