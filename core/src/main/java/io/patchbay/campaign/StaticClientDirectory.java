package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.internal.json.JsonReader.Fields;
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
 * "group":"living-rooms","attributes":{"model":"X1"}}]}}; {@code group} and {@code attributes} are
 * optional.
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
  // The file is bounded by MAX_CLIENTS of bounded fields, so it needs no limit of its own in bytes.
  private static final JsonReader.Limits JSON_LIMITS =
      JsonReader.Limits.DEFAULTS
          .withMaxDocumentBytes(Long.MAX_VALUE)
          .withMaxStringLength(MAX_FIELD_LENGTH)
          .withMaxNestingDepth(8);
  private static final Fields DOCUMENT =
      Fields.required("schemaVersion").optional("clients").closed();
  private static final Fields CLIENT =
      Fields.required("id", "endpoint").optional("group", "attributes").closed();

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
   * Reads the JSON form from {@code in}, which the caller closes; {@code source} names it in
   * errors.
   *
   * @throws IOException if the stream cannot be read
   * @throws ClientDirectoryException if its content is invalid
   */
  public static StaticClientDirectory readJson(InputStream in, String source) throws IOException {
    JsonReader.Failure failure =
        (kind, at, reason, cause) ->
            new ClientDirectoryException(
                source,
                at.line(),
                at.column(),
                at.path().isEmpty() ? reason : at.path() + ": " + reason,
                cause);
    return JsonReader.read(
        in, JSON_LIMITS, failure, json -> readJsonDocument(json, new Entries(source)));
  }

  private static StaticClientDirectory readJsonDocument(JsonReader json, Entries entries)
      throws IOException {
    JsonReader.ObjectReader document = json.object(DOCUMENT);
    for (String field = document.next(); field != null; field = document.next()) {
      switch (field) {
        case "schemaVersion" -> json.schemaVersion(1);
        case "clients" -> json.forEachEntry(client -> readJsonClient(client, entries));
      }
    }
    return new StaticClientDirectory(entries.list);
  }

  private static void readJsonClient(JsonReader json, Entries entries) throws IOException {
    String id = null;
    String endpoint = null;
    String group = DirectoryEntry.DEFAULT_GROUP;
    Map<String, String> attributes = Map.of();
    JsonReader.ObjectReader client = json.object(CLIENT);
    for (String field = client.next(); field != null; field = client.next()) {
      switch (field) {
        case "id" -> id = json.string("a client id");
        case "endpoint" -> endpoint = json.string("an endpoint URI");
        case "group" -> group = json.string("a group name");
        case "attributes" -> attributes = json.map(value -> value.string("an attribute value"));
      }
    }
    JsonReader.Position at = client.start();
    entries.add(at.line(), at.column(), id, endpoint, group, attributes);
  }

  /**
   * Reads the CSV form from {@code in}, which the caller closes; {@code source} names it in errors.
   *
   * @throws IOException if the stream cannot be read
   * @throws ClientDirectoryException if its content is invalid
   */
  public static StaticClientDirectory readCsv(InputStream in, String source) throws IOException {
    Entries entries = new Entries(source);
    BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    List<String> header = null;
    int idColumn = -1;
    int endpointColumn = -1;
    int groupColumn = -1;
    long number = 0;
    try {
      for (String line; (line = lines.readLine()) != null; ) {
        number++;
        if (line.length() > 16 * MAX_FIELD_LENGTH) {
          throw new ClientDirectoryException(
              source, number, 0, "line longer than " + 16 * MAX_FIELD_LENGTH + " characters", null);
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
            throw new ClientDirectoryException(
                source,
                number,
                1,
                "the header must name the columns id and endpoint, each column once",
                null);
          }
          continue;
        }
        if (fields.size() != header.size()) {
          throw new ClientDirectoryException(
              source,
              number,
              0,
              "expected " + header.size() + " fields, found " + fields.size(),
              null);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          if (i != idColumn
              && i != endpointColumn
              && i != groupColumn
              && !fields.get(i).isEmpty()) {
            attributes.put(header.get(i), fields.get(i));
          }
        }
        String group =
            groupColumn < 0 || fields.get(groupColumn).isEmpty()
                ? DirectoryEntry.DEFAULT_GROUP
                : fields.get(groupColumn);
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
        throw new ClientDirectoryException(
            source, number, i + 1L, "stray quote or text after a quoted field", null);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new ClientDirectoryException(
          source, number, line.length(), "unterminated quoted field", null);
    }
    fields.add(field.toString());
    return fields;
  }

  @Override
  public List<DirectoryEntry> clients() {
    return entries;
  }

  /** Collects validated entries and rejects duplicates. */
  private static final class Entries {
    final String source;
    final List<DirectoryEntry> list = new ArrayList<>();
    final Set<String> ids = new HashSet<>();

    Entries(String source) {
      this.source = source;
    }

    void add(
        long line,
        long column,
        String id,
        String endpoint,
        String group,
        Map<String, String> attributes) {
      if (list.size() >= MAX_CLIENTS) {
        throw new ClientDirectoryException(
            source, line, column, "more than " + MAX_CLIENTS + " clients", null);
      }
      DirectoryEntry entry;
      try {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
          if (!ATTRIBUTE_NAME.matcher(attribute.getKey()).matches()) {
            throw new IllegalArgumentException(
                "invalid attribute name " + Untrusted.quote(attribute.getKey()));
          }
          if (attribute.getValue().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                "control character in attribute " + attribute.getKey());
          }
        }
        entry = new DirectoryEntry(new Client(id, new URI(endpoint), attributes), group);
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new ClientDirectoryException(source, line, column, e.getMessage(), e);
      }
      if (!ids.add(id)) {
        throw new ClientDirectoryException(
            source, line, column, "duplicate client id " + Untrusted.quote(id), null);
      }
      list.add(entry);
    }
  }
}
