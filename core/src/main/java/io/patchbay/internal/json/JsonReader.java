package io.patchbay.internal.json;

import static io.patchbay.internal.json.JsonReader.Kind.DUPLICATE_FIELD;
import static io.patchbay.internal.json.JsonReader.Kind.INVALID_VALUE;
import static io.patchbay.internal.json.JsonReader.Kind.MALFORMED_JSON;
import static io.patchbay.internal.json.JsonReader.Kind.MISSING_FIELD;
import static io.patchbay.internal.json.JsonReader.Kind.TOO_LARGE;
import static io.patchbay.internal.json.JsonReader.Kind.UNEXPECTED_FIELD;
import static io.patchbay.internal.json.JsonReader.Kind.UNSUPPORTED_SCHEMA_VERSION;
import static io.patchbay.internal.json.JsonReader.Kind.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a JSON document from a peer with a streaming parser, within {@link Limits}: the document
 * around one value, objects of known fields, arrays, maps and typed values. Every failure is made
 * by the caller's {@link Failure} at the offending token, so each module keeps its own error type.
 * Not API, may change.
 *
 * <p>Value methods expect the parser on the value's first token and leave it on the value's last.
 * One instance reads one document; not thread-safe.
 */
public final class JsonReader {

  /**
   * The most a reader accepts from one document, so that a broken or hostile peer cannot make it
   * use unbounded memory.
   *
   * @param maxDocumentBytes the longest document in bytes, white space included
   * @param maxEntries the most elements {@link #forEachEntry} reads from one array
   * @param maxStringLength the longest string value, in characters, and the longest field name, in
   *     UTF-8 bytes
   * @param maxNestingDepth the deepest nesting of objects and arrays, the document's own value
   *     counting as 1
   */
  public record Limits(
      long maxDocumentBytes, int maxEntries, int maxStringLength, int maxNestingDepth) {

    /**
     * The limits of the shared factory: 512 MiB, 5,000,000 entries, strings of 65,536 and nesting
     * 64.
     */
    public static final Limits DEFAULTS = new Limits(512L * 1024 * 1024, 5_000_000, 65_536, 64);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is not positive
     */
    public Limits {
      requirePositive("maxDocumentBytes", maxDocumentBytes);
      requirePositive("maxEntries", maxEntries);
      requirePositive("maxStringLength", maxStringLength);
      requirePositive("maxNestingDepth", maxNestingDepth);
    }

    /** These limits with another maximum document size, in bytes. */
    public Limits withMaxDocumentBytes(long bytes) {
      return new Limits(bytes, maxEntries, maxStringLength, maxNestingDepth);
    }

    /** These limits with another maximum length of strings and field names. */
    public Limits withMaxStringLength(int length) {
      return new Limits(maxDocumentBytes, maxEntries, length, maxNestingDepth);
    }

    /** These limits with another maximum nesting depth. */
    public Limits withMaxNestingDepth(int depth) {
      return new Limits(maxDocumentBytes, maxEntries, maxStringLength, depth);
    }

    private static void requirePositive(String limit, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(limit + " must be positive: " + value);
      }
    }
  }

  /** Which rule a document broke. */
  public enum Kind {
    /** Not well-formed JSON, or not JSON text at all. */
    MALFORMED_JSON,
    /** Over one of the {@link Limits}. */
    TOO_LARGE,
    /** A schema version this reader does not support. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field appears twice in one object. */
    DUPLICATE_FIELD,
    /** A field that {@linkplain Fields#closed() closed} fields do not name. */
    UNEXPECTED_FIELD,
    /** A value of the wrong JSON type. */
    WRONG_TYPE,
    /** A value of the right type that breaks a rule. */
    INVALID_VALUE
  }

  /**
   * Where a failure lies.
   *
   * @param line the line, from 1
   * @param column the column, from 1
   * @param path the value's path from the document's root, as in {@code files[3].sha256}; empty for
   *     the root
   */
  public record Position(int line, int column, String path) {}

  /** Makes the caller's exception for a failure; the reader throws what it returns. */
  @FunctionalInterface
  public interface Failure {
    /** The exception for {@code reason}, which broke the rule {@code kind} at {@code where}. */
    RuntimeException at(Kind kind, Position where, String reason, Throwable cause);
  }

  /** Reads one value. */
  @FunctionalInterface
  public interface Value<T> {
    /**
     * Reads the value the parser is on.
     *
     * @throws IOException if reading the stream fails
     */
    T read(JsonReader json) throws IOException;
  }

  /** Converts a string from the characters the parser holds, so that no string need be made. */
  @FunctionalInterface
  public interface Characters<T> {
    /**
     * Converts the {@code length} characters of {@code text} from {@code offset}; {@code text} is
     * the parser's buffer, valid only during the call.
     */
    T convert(char[] text, int offset, int length);
  }

  /** Reads one element of an array and keeps it where it belongs. */
  @FunctionalInterface
  public interface Element {
    /**
     * Reads the element the parser is on.
     *
     * @throws IOException if reading the stream fails
     */
    void read(JsonReader json) throws IOException;
  }

  /**
   * The fields one kind of object understands, required ones first; other fields are skipped, or
   * rejected if the fields are {@linkplain #closed() closed}. At most {@value #MAX_FIELDS}, as a
   * reader tracks them in the bits of a {@code long}. Immutable.
   */
  public static final class Fields {
    /** The most fields one kind of object can name. */
    public static final int MAX_FIELDS = Long.SIZE;

    private static final Fields NONE = new Fields(List.of(), 0, false);

    private final List<String> names;
    // The names as Jackson matches them against the input's bytes, in the same order.
    private final SerializableString[] serialized;
    private final int required;
    private final boolean closed;

    private Fields(List<String> names, int required, boolean closed) {
      if (names.size() > MAX_FIELDS) {
        throw new IllegalArgumentException(
            names.size()
                + " fields, more than the "
                + MAX_FIELDS
                + " one kind of object can name: "
                + names);
      }
      this.names = names;
      this.serialized = new SerializableString[names.size()];
      for (int i = 0; i < serialized.length; i++) {
        serialized[i] = new SerializedString(names.get(i));
      }
      this.required = required;
      this.closed = closed;
    }

    /**
     * Fields that every object of the kind must have.
     *
     * @throws IllegalArgumentException if there are more than {@value #MAX_FIELDS}
     */
    public static Fields required(String... names) {
      return new Fields(List.of(names), names.length, false);
    }

    /** No field is required; add the optional ones with {@link #optional}. */
    public static Fields none() {
      return NONE;
    }

    /**
     * These fields and some optional ones.
     *
     * @throws IllegalArgumentException if there are more than {@value #MAX_FIELDS} in all
     */
    public Fields optional(String... more) {
      List<String> all = new ArrayList<>(names);
      all.addAll(List.of(more));
      return new Fields(List.copyOf(all), required, closed);
    }

    /** These fields, and an object with any other is rejected rather than skipped. */
    public Fields closed() {
      return new Fields(names, required, true);
    }
  }

  /** Walks the fields of one object; see {@link #next()}. */
  public final class ObjectReader {
    private final Fields fields;
    private long start;
    // Line and column of each field's value, packed (see #tokenPosition).
    private final long[] valuePositions;
    // Bit i is set once field i was read; Fields holds no more names than a long has bits.
    private long seen;
    // The field expected next: the one after the last read.
    private int expected;

    private ObjectReader(Fields fields) {
      this.fields = fields;
      this.start = tokenPosition();
      // The object's path is not kept: it is built only for an error, at the object's end, where
      // the parser's context names the object as its START token did. A string per object was
      // most of the garbage of a million-entry read.
      this.valuePositions = new long[fields.names.size()];
    }

    /**
     * Requires another object of the same fields here and walks it with this reader, which forgets
     * the object it walked before: for the entries of a long array, which would otherwise each make
     * a reader. Returns this reader.
     */
    public ObjectReader restart() {
      require(JsonToken.START_OBJECT, "an object");
      start = tokenPosition();
      seen = 0;
      expected = 0;
      return this;
    }

    /**
     * Moves to the value of the next known field and returns the field's name; at the end of the
     * object, checks that every required field was there and returns {@code null}.
     *
     * @throws IOException if reading the stream fails
     */
    public String next() throws IOException {
      while (true) {
        String name;
        int index;
        // Writers put the fields in one order, almost always, so the field after the last one is
        // tried first: Jackson compares it with the input's bytes and makes no string.
        if (expected < fields.serialized.length
            && parser.nextFieldName(fields.serialized[expected])) {
          index = expected;
          name = fields.names.get(index);
        } else {
          JsonToken token =
              expected < fields.serialized.length ? parser.currentToken() : parser.nextToken();
          if (token != JsonToken.FIELD_NAME) {
            break;
          }
          name = parser.currentName();
          index = fields.names.indexOf(name);
        }
        if (index >= 0 && (seen & 1L << index) != 0) {
          throw fail(DUPLICATE_FIELD, "field " + Untrusted.quote(name) + " appears more than once");
        }
        if (index < 0 && fields.closed) {
          throw fail(UNEXPECTED_FIELD, "unexpected field " + Untrusted.quote(name));
        }
        parser.nextToken();
        if (index >= 0) {
          seen |= 1L << index;
          valuePositions[index] = tokenPosition();
          expected = index + 1;
          return name;
        }
        // A newer writer's field: skip it, with everything nested in it.
        parser.skipChildren();
      }
      for (int i = 0; i < fields.required; i++) {
        if ((seen & 1L << i) == 0) {
          String reason = "missing required field \"" + fields.names.get(i) + "\"";
          throw failure.at(MISSING_FIELD, position(start, currentPath()), reason, null);
        }
      }
      return null;
    }

    /**
     * Where the object starts, for errors about the whole object; call it once {@link #next()} has
     * returned {@code null}.
     */
    public Position start() {
      return position(start, currentPath());
    }

    /**
     * The error for a field whose value the model rejected once the whole object was read, at that
     * value's position.
     */
    public RuntimeException rejected(String field, PatchbayException cause) {
      return rejected(field, cause.getMessage(), cause);
    }

    /**
     * The error for a field whose value was rejected for {@code reason} once the whole object was
     * read, at that value's position.
     */
    public RuntimeException rejected(String field, String reason, Throwable cause) {
      long where = valuePositions[fields.names.indexOf(field)];
      String path = appendName(new StringBuilder(currentPath()), field).toString();
      return failure.at(INVALID_VALUE, position(where, path), reason, cause);
    }
  }

  private final JsonParser parser;
  private final Limits limits;
  private final Failure failure;

  private JsonReader(JsonParser parser, Limits limits, Failure failure) {
    this.parser = parser;
    this.limits = limits;
    this.failure = failure;
  }

  /**
   * Reads {@code in} to its end as one JSON value, read by {@code document}, with nothing after it
   * but white space. Leaves {@code in} open.
   *
   * @throws RuntimeException made by {@code failure} if the document breaks a rule or a limit
   * @throws IOException if reading {@code in} fails
   */
  public static <T> T read(InputStream in, Limits limits, Failure failure, Value<T> document)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(failure, "failure");
    JsonParser parser;
    try {
      parser =
          Json.factoryFor(limits)
              .createParser(new LimitedInputStream(in, limits.maxDocumentBytes()));
    } catch (LimitedInputStream.LimitExceededException | CharConversionException e) {
      // Jackson reads the first bytes as it creates the parser, to detect their encoding.
      throw translated(e, limits, failure, 1, 1, "");
    }
    try (parser) {
      return new JsonReader(parser, limits, failure).readDocument(document);
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
    } catch (LimitedInputStream.LimitExceededException
        | JsonProcessingException
        | CharConversionException e) {
      // The parser failed while looking for the next token, so the failure lies after the current
      // token if that is a complete value, and in it otherwise.
      JsonToken token = parser.currentToken();
      boolean afterValue = token != null && (token.isScalarValue() || token.isStructEnd());
      // A stream that fails mid-read leaves the parser's input position past bytes it never got;
      // only the current token's position is still right then.
      JsonLocation where =
          e instanceof JsonProcessingException
              ? parser.currentLocation()
              : parser.currentTokenLocation();
      throw translated(e, where, pathOf(parser.getParsingContext(), !afterValue));
    }
  }

  /** Requires an object here and walks its fields. */
  public ObjectReader object(Fields fields) {
    require(JsonToken.START_OBJECT, "an object");
    return new ObjectReader(fields);
  }

  /**
   * Requires an object here and reads every field's value, keyed by field name.
   *
   * @throws IOException if reading the stream fails
   */
  public <T> Map<String, T> map(Value<T> value) throws IOException {
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

  /**
   * Requires an array here and reads its elements in order.
   *
   * @throws IOException if reading the stream fails
   */
  public <T> List<T> list(Value<T> element) throws IOException {
    require(JsonToken.START_ARRAY, "an array");
    List<T> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(element.read(this));
    }
    return list;
  }

  /**
   * Requires an array here and reads its elements in order, failing with {@link Kind#TOO_LARGE} at
   * the first element beyond {@link Limits#maxEntries()}.
   *
   * @throws IOException if reading the stream fails
   */
  public void forEachEntry(Element element) throws IOException {
    require(JsonToken.START_ARRAY, "an array");
    for (int entries = 0; parser.nextToken() != JsonToken.END_ARRAY; entries++) {
      if (entries == limits.maxEntries()) {
        throw fail(TOO_LARGE, "more than " + limits.maxEntries() + " entries");
      }
      element.read(this);
    }
  }

  /**
   * Requires the integer {@code supported} here, the one schema version the caller reads.
   *
   * @throws RuntimeException made by the failure, of {@link Kind#UNSUPPORTED_SCHEMA_VERSION}, if it
   *     is another one
   */
  public void schemaVersion(int supported) throws IOException {
    require(JsonToken.VALUE_NUMBER_INT, "an integer");
    if (parser.getNumberType() != JsonParser.NumberType.INT || parser.getIntValue() != supported) {
      throw fail(
          UNSUPPORTED_SCHEMA_VERSION,
          "schema version "
              + Untrusted.quote(parser.getText())
              + " is not supported; this reader supports "
              + supported);
    }
  }

  /**
   * Requires a non-negative integer that fits a {@code long} here.
   *
   * @throws IOException if reading the stream fails
   */
  public long nonNegativeInteger() throws IOException {
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

  /**
   * Requires a string here, described to the reader of an error as {@code what}.
   *
   * @throws IOException if reading the stream fails
   */
  public String string(String what) throws IOException {
    require(JsonToken.VALUE_STRING, what);
    return text();
  }

  /**
   * Requires a string here and converts it.
   *
   * @throws RuntimeException made by the failure, of {@link Kind#INVALID_VALUE} and caused by the
   *     conversion's exception, if {@code conversion} rejects the string
   * @throws IOException if reading the stream fails
   */
  public <T> T string(String what, Function<String, T> conversion) throws IOException {
    String text = string(what);
    try {
      return conversion.apply(text);
    } catch (PatchbayException | IllegalArgumentException | DateTimeException e) {
      throw rejected(what, e, () -> text);
    }
  }

  /**
   * The failure for a string that {@code what}'s conversion rejected with {@code e}: a model
   * exception already states the rule and quotes the value; any other is given the value, {@code
   * text}, quoted.
   */
  private RuntimeException rejected(String what, RuntimeException e, Supplier<String> text) {
    if (e instanceof PatchbayException) {
      return fail(INVALID_VALUE, e.getMessage(), e);
    }
    return fail(INVALID_VALUE, "expected " + what + ", found " + Untrusted.quote(text.get()), e);
  }

  /**
   * Requires a string here and converts it from the parser's characters, as {@link #string(String,
   * Function)} does from a string: for values that are checked or parsed but not kept as text.
   *
   * @throws RuntimeException made by the failure, of {@link Kind#INVALID_VALUE} and caused by the
   *     conversion's exception, if {@code conversion} rejects the string
   * @throws IOException if reading the stream fails
   */
  public <T> T characters(String what, Characters<T> conversion) throws IOException {
    require(JsonToken.VALUE_STRING, what);
    char[] text;
    int offset;
    int length;
    try {
      text = parser.getTextCharacters();
      offset = parser.getTextOffset();
      length = parser.getTextLength();
      // Jackson checks a string's length as it makes a String of it, or as its buffer grows:
      // not for a short string read as characters.
      parser.streamReadConstraints().validateStringLength(length);
    } catch (JsonProcessingException e) {
      throw translated(e, parser.currentTokenLocation(), currentPath());
    }
    try {
      return conversion.convert(text, offset, length);
    } catch (PatchbayException | IllegalArgumentException | DateTimeException e) {
      throw rejected(what, e, () -> new String(text, offset, length));
    }
  }

  /**
   * The string here, or {@code null} after skipping a value of any other type.
   *
   * @throws IOException if reading the stream fails
   */
  public String optionalString() throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      parser.skipChildren();
      return null;
    }
    return text();
  }

  /**
   * Requires a string or an integer here and returns its text, an integer's in decimal.
   *
   * @throws IOException if reading the stream fails
   */
  public String stringOrInteger() throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return parser.getText();
    }
    return string("a string or an integer");
  }

  /** Where the parser's current token is. */
  public Position position() {
    JsonLocation where = parser.currentTokenLocation();
    return position(where, currentPath());
  }

  /** The error for the value at the parser's current token. */
  public RuntimeException fail(Kind kind, String reason) {
    return fail(kind, reason, null);
  }

  private RuntimeException fail(Kind kind, String reason, Throwable cause) {
    return failure(parser.currentTokenLocation(), currentPath(), kind, reason, cause);
  }

  private String text() throws IOException {
    try {
      return parser.getText();
    } catch (JsonProcessingException e) {
      // Jackson decodes a string only when asked to, so these failures are this value's.
      throw translated(e, parser.currentTokenLocation(), currentPath());
    }
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

  private RuntimeException failure(
      JsonLocation where, String path, Kind kind, String reason, Throwable cause) {
    return failure.at(kind, position(where, path), reason, cause);
  }

  private RuntimeException translated(IOException e, JsonLocation fallback, String path) {
    JsonLocation where = fallback;
    if (e instanceof JsonProcessingException jackson && jackson.getLocation() != null) {
      where = jackson.getLocation();
    }
    // Before the first token, Jackson puts the current token at column 0.
    return translated(
        e, limits, failure, where.getLineNr(), Math.max(1, where.getColumnNr()), path);
  }

  /** The failure for an exception of the parser or of the stream limit. */
  private static RuntimeException translated(
      IOException e, Limits limits, Failure failure, int line, int column, String path) {
    Kind kind;
    String reason;
    if (e instanceof LimitedInputStream.LimitExceededException) {
      kind = TOO_LARGE;
      reason = "the document is longer than " + limits.maxDocumentBytes() + " bytes";
    } else if (e instanceof StreamConstraintsException tooLarge) {
      kind = TOO_LARGE;
      reason = tooLarge.getOriginalMessage();
    } else if (e instanceof JsonProcessingException malformed) {
      kind = MALFORMED_JSON;
      reason = "malformed JSON: " + Untrusted.quote(malformed.getOriginalMessage());
    } else {
      // A CharConversionException: Jackson took the bytes for UTF-32 and found them invalid.
      kind = MALFORMED_JSON;
      reason = "not JSON text: " + Untrusted.quote(e.getMessage());
    }
    return failure.at(kind, new Position(line, column, path), reason, e);
  }

  /**
   * The current token's line and column, packed in a long, for an error found later ({@link
   * #position(long, String)}): without the {@link JsonLocation} that {@link
   * JsonParser#currentTokenLocation()} allocates, where the parser is Jackson's own (a reader keeps
   * one for every field of every entry).
   */
  public long tokenPosition() {
    if (parser instanceof UTF8StreamJsonParser bytes) {
      // Its getTokenColumnNr() counts one more than currentTokenLocation() does for a value;
      // the position tests of the format readers pin the two together.
      return (long) bytes.getTokenLineNr() << 32 | ((bytes.getTokenColumnNr() - 1) & 0xffffffffL);
    }
    JsonLocation where = parser.currentTokenLocation();
    return (long) where.getLineNr() << 32 | (where.getColumnNr() & 0xffffffffL);
  }

  /** The position {@link #tokenPosition()} packed, at {@code path}. */
  public static Position position(long packed, String path) {
    return new Position((int) (packed >> 32), (int) packed, path);
  }

  private static Position position(JsonLocation where, String path) {
    return new Position(where.getLineNr(), where.getColumnNr(), path);
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
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
