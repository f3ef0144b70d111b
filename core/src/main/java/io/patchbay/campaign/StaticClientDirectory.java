package io.patchbay.campaign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.patchbay.internal.Untrusted;
import io.patchbay.model.Client;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fixed list of clients read from a JSON or CSV file, the directory a gateway without discovery
 * ships with. The content is untrusted: every id, endpoint, group and attribute is validated, sizes
 * are bounded, and an error names the line and column.
 *
 * <p>JSON: {@code {"schemaVersion":1,"clients":[{"id":"stb-1","endpoint":"http://10.0.0.7:8080",
 * "group":"living-rooms","attributes":{"model":"X1"}}]}}; {@code group} and {@code attributes}
 * are optional.
 *
 * <p>CSV (RFC 4180 quoting, UTF-8): a header line naming the columns {@code id} and {@code
 * endpoint}, optionally {@code group}; every other column is an attribute, left out where empty.
 *
 * <p>Immutable and thread-safe.
 */
public final class StaticClientDirectory implements ClientDirectory {

  /** The most clients one file may list. */
  public static final int MAX_CLIENTS = 1_000_000;

  /** The longest id, endpoint, attribute name or value, in characters. */
  public static final int MAX_FIELD_LENGTH = 2048;

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_LENGTH).maxNestingDepth(8).build())
      .build();

  private final List<DirectoryEntry> entries;

  private StaticClientDirectory(List<DirectoryEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a directory file: JSON if its name ends in {@code .json}, otherwise CSV.
   *
   * @throws IOException if the file cannot be read
   * @throws ClientDirectoryException if its content is invalid
   */
  public static StaticClientDirectory read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".json") ? readJson(in, file.toString()) : readCsv(in, file.toString());
    }
  }

  /**
   * Reads the JSON form from {@code in}, which the caller closes; {@code source} names it in errors.
   *
   * @throws IOException if the stream cannot be read
   * @throws ClientDirectoryException if its content is invalid
   */
  public static StaticClientDirectory readJson(InputStream in, String source) throws IOException {
    Entries entries = new Entries(source);
    try (JsonParser json = JSON.createParser(in)) {
      expect(json, JsonToken.START_OBJECT, source);
      boolean versioned = false;
      while (next(json, source) == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = next(json, source);
        if (field.equals("schemaVersion") && value == JsonToken.VALUE_NUMBER_INT && json.getIntValue() == 1) {
          versioned = true;
        } else if (field.equals("clients") && value == JsonToken.START_ARRAY) {
          while (next(json, source) == JsonToken.START_OBJECT) {
            readJsonClient(json, entries);
          }
          requireToken(json, JsonToken.END_ARRAY, source);
        } else {
          throw error(json, source, "unexpected field " + Untrusted.quote(field) + " (or its value)");
        }
      }
      if (!versioned) {
        throw error(json, source, "\"schemaVersion\": 1 is required");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ClientDirectoryException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
          "not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new StaticClientDirectory(entries.list);
  }

  private static void readJsonClient(JsonParser json, Entries entries) throws IOException {
    JsonLocation at = json.currentTokenLocation();
    String id = null;
    String endpoint = null;
    String group = DirectoryEntry.DEFAULT_GROUP;
    Map<String, String> attributes = new LinkedHashMap<>();
    while (next(json, entries.source) == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken value = next(json, entries.source);
      if (field.equals("attributes") && value == JsonToken.START_OBJECT) {
        while (next(json, entries.source) == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          expect(json, JsonToken.VALUE_STRING, entries.source);
          attributes.put(name, json.getText());
        }
      } else if (value != JsonToken.VALUE_STRING) {
        throw error(json, entries.source, "field " + Untrusted.quote(field) + " must be a string");
      } else if (field.equals("id")) {
        id = json.getText();
      } else if (field.equals("endpoint")) {
        endpoint = json.getText();
      } else if (field.equals("group")) {
        group = json.getText();
      } else {
        throw error(json, entries.source, "unexpected field " + Untrusted.quote(field));
      }
    }
    entries.add(at.getLineNr(), at.getColumnNr(), id, endpoint, group, attributes);
  }

  /**
   * Reads the CSV form from {@code in}, which the caller closes; {@code source} names it in errors.
   *
   * @throws IOException if the stream cannot be read
   * @throws ClientDirectoryException if its content is invalid
   */
  public static StaticClientDirectory readCsv(InputStream in, String source) throws IOException {
    Entries entries = new Entries(source);
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    List<String> header = null;
    int idColumn = -1;
    int endpointColumn = -1;
    int groupColumn = -1;
    long number = 0;
    try {
      for (String line; (line = lines.readLine()) != null; ) {
        number++;
        if (line.length() > 16 * MAX_FIELD_LENGTH) {
          throw new ClientDirectoryException(source, number, 0, "line longer than " + 16 * MAX_FIELD_LENGTH + " characters", null);
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = csvFields(line, source, number);
        if (header == null) {
          header = fields;
          idColumn = header.indexOf("id");
          endpointColumn = header.indexOf("endpoint");
          groupColumn = header.indexOf("group");
          if (idColumn < 0 || endpointColumn < 0 || new HashSet<>(header).size() != header.size()) {
            throw new ClientDirectoryException(source, number, 1,
                "the header must name the columns id and endpoint, each column once", null);
          }
          continue;
        }
        if (fields.size() != header.size()) {
          throw new ClientDirectoryException(source, number, 0,
              "expected " + header.size() + " fields, found " + fields.size(), null);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          if (i != idColumn && i != endpointColumn && i != groupColumn && !fields.get(i).isEmpty()) {
            attributes.put(header.get(i), fields.get(i));
          }
        }
        String group = groupColumn < 0 || fields.get(groupColumn).isEmpty() ? DirectoryEntry.DEFAULT_GROUP : fields.get(groupColumn);
        entries.add(number, 1, fields.get(idColumn), fields.get(endpointColumn), group, attributes);
      }
    } catch (CharacterCodingException e) {
      throw new ClientDirectoryException(source, number + 1, 0, "not UTF-8", e);
    }
    if (header == null) {
      throw new ClientDirectoryException(source, 1, 1, "no header line", null);
    }
    return new StaticClientDirectory(entries.list);
  }

  /** Splits one CSV line, with RFC 4180 section 2 quoting (a quote inside quotes is doubled). */
  private static List<String> csvFields(String line, String source, long number) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (wasQuoted || c == '"') {
        throw new ClientDirectoryException(source, number, i + 1L, "stray quote or text after a quoted field", null);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new ClientDirectoryException(source, number, line.length(), "unterminated quoted field", null);
    }
    fields.add(field.toString());
    return fields;
  }

  @Override
  public List<DirectoryEntry> clients() {
    return entries;
  }

  private static JsonToken next(JsonParser json, String source) throws IOException {
    JsonToken token = json.nextToken();
    if (token == null) {
      throw error(json, source, "unexpected end of input");
    }
    return token;
  }

  private static void expect(JsonParser json, JsonToken expected, String source) throws IOException {
    next(json, source);
    requireToken(json, expected, source);
  }

  private static void requireToken(JsonParser json, JsonToken expected, String source) {
    if (json.currentToken() != expected) {
      throw error(json, source, "expected " + expected + ", found " + json.currentToken());
    }
  }

  private static ClientDirectoryException error(JsonParser json, String source, String problem) {
    JsonLocation at = json.currentTokenLocation();
    return new ClientDirectoryException(source, at.getLineNr(), at.getColumnNr(), problem, null);
  }

  /** Collects validated entries and rejects duplicates. */
  private static final class Entries {
    final String source;
    final List<DirectoryEntry> list = new ArrayList<>();
    final Set<String> ids = new HashSet<>();

    Entries(String source) {
      this.source = source;
    }

    void add(long line, long column, String id, String endpoint, String group, Map<String, String> attributes) {
      if (list.size() >= MAX_CLIENTS) {
        throw new ClientDirectoryException(source, line, column, "more than " + MAX_CLIENTS + " clients", null);
      }
      if (id == null || endpoint == null) {
        throw new ClientDirectoryException(source, line, column, "a client needs an id and an endpoint", null);
      }
      DirectoryEntry entry;
      try {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
          if (!ATTRIBUTE_NAME.matcher(attribute.getKey()).matches()) {
            throw new IllegalArgumentException("invalid attribute name " + Untrusted.quote(attribute.getKey()));
          }
          if (attribute.getValue().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("control character in attribute " + attribute.getKey());
          }
        }
        entry = new DirectoryEntry(new Client(id, new URI(endpoint), attributes), group);
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new ClientDirectoryException(source, line, column, e.getMessage(), e);
      }
      if (!ids.add(id)) {
        throw new ClientDirectoryException(source, line, column, "duplicate client id " + Untrusted.quote(id), null);
      }
      list.add(entry);
    }
  }
}
