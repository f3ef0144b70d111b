package io.patchbay.format;

import static io.patchbay.internal.json.JsonReader.Kind.INVALID_VALUE;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.Untrusted;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.internal.json.JsonReader.Fields;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.InvalidFileNameException;
import io.patchbay.model.RepositoryIds;
import io.patchbay.model.Sha256;
import io.patchbay.model.Targeting;
import io.patchbay.version.InvalidVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and writes the head end's {@link Catalog} as JSON, in the format {@code docs/formats.md}
 * specifies:
 *
 * <pre>{@code
 * {"schemaVersion": 1, "repository": "acme-prod", "serial": 42, "expires": "2026-12-01T00:00:00Z",
 *  "versionScheme": "semver", "files": [
 *   {"name": "bin/player", "version": "2.0.0", "sha256": "<64 hex digits>", "size": 123,
 *    "location": "artifacts/player-2.0.0.bin", "versionScheme": "debian",
 *    "targets": {"model": ["STB-100"], "hardwareRevision": ["B"]}}
 * ]}
 * }</pre>
 *
 * <p>{@code repository}, {@code expires}, both {@code versionScheme}s and {@code targets} are
 * optional (a catalog is signed only if it names its repository). Readers take fields in any order
 * and skip fields they do not know. Reading streams: memory grows with the catalog, not with the
 * document's text.
 *
 * <p>Stateless and thread-safe. Both methods block on their stream and leave it open.
 */
public final class CatalogJson {

  private static final String AN_INSTANT = "an ISO-8601 instant such as 2026-12-01T00:00:00Z";
  private static final Fields DOCUMENT =
      Fields.required("schemaVersion", "serial", "files")
          .optional("expires", "versionScheme", "repository");
  private static final Fields ENTRY =
      Fields.required("name", "version", "sha256", "size", "location")
          .optional("versionScheme", "targets");

  private CatalogJson() {}

  /**
   * Reads a catalog within the {@linkplain JsonLimits#defaults() default limits}; see {@link
   * #read(InputStream, JsonLimits)}.
   */
  public static Catalog read(InputStream in) throws IOException {
    return read(in, JsonLimits.defaults());
  }

  /**
   * Reads a catalog document from {@code in}, to the end of the stream. Does not check the version
   * schemes: the planner does, against the schemes it knows.
   *
   * @throws FormatException if the document is not a valid catalog or exceeds {@code limits}; says
   *     where and why
   * @throws IOException if reading {@code in} fails
   */
  public static Catalog read(InputStream in, JsonLimits limits) throws IOException {
    return FormatJson.read(in, limits, CatalogJson::document);
  }

  /**
   * Writes {@code catalog} to {@code out} as UTF-8 JSON: fields in a fixed order, targeting
   * attributes and values sorted, absent optional fields left out, one entry per line. Flushes
   * {@code out}.
   *
   * @throws IOException if writing to {@code out} fails
   */
  public static void write(Catalog catalog, OutputStream out) throws IOException {
    JsonWriter.write(
        out, catalog, CatalogJson::writeHeader, catalog.entries(), CatalogJson::writeEntry);
  }

  private static Catalog document(JsonReader json) throws IOException {
    long serial = 0;
    Instant expires = null;
    String versionScheme = null;
    String repository = null;
    Map<String, CatalogEntry> files = Map.of();
    JsonReader.ObjectReader object = json.object(DOCUMENT);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "schemaVersion" -> FormatJson.schemaVersion(json);
        case "serial" -> serial = json.nonNegativeInteger();
        case "expires" -> expires = json.string(AN_INSTANT, Instant::parse);
        case "versionScheme" -> versionScheme = json.string("a version scheme name");
        case "repository" ->
            repository = json.string("a repository id", RepositoryIds::requireValid);
        case "files" -> {
          Catalog.Builder all = Catalog.builder();
          files =
              FormatJson.files(
                  json, CatalogJson::entry, all::add, () -> all.build(0, null, null).files());
        }
      }
    }
    return new Catalog(serial, expires, versionScheme, files, repository, null);
  }

  private static CatalogEntry entry(JsonReader json, FormatJson.Files files) throws IOException {
    String name = null;
    String version = null;
    Sha256 sha256 = null;
    long size = 0;
    String location = null;
    String versionScheme = null;
    Targeting targeting = Targeting.ANY;
    JsonReader.ObjectReader object = files.entry(json, ENTRY);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "name" -> name = files.name(json);
        case "version" -> version = json.string("a version");
        case "sha256" -> sha256 = FormatJson.sha256(json);
        case "size" -> size = json.nonNegativeInteger();
        case "location" -> location = json.string("a URI reference");
        case "versionScheme" -> versionScheme = json.string("a version scheme name");
        case "targets" -> targeting = new Targeting(json.map(CatalogJson::targetValues));
      }
    }
    try {
      return CatalogEntry.of(name, version, sha256, size, location, versionScheme, targeting);
    } catch (InvalidFileNameException e) {
      throw object.rejected("name", e);
    } catch (InvalidVersionException e) {
      throw object.rejected("version", e);
    } catch (IllegalArgumentException e) {
      // The entry checks its location first, and the only other such rule, a negative size, this
      // reader never passes on.
      throw object.rejected(
          "location", "expected a URI reference, found " + Untrusted.quote(location), e);
    }
  }

  private static Set<String> targetValues(JsonReader json) throws IOException {
    List<String> values = json.list(value -> value.string("a string"));
    if (values.isEmpty()) {
      // An attribute that allows no value would match no client; that is never what was meant.
      throw json.fail(INVALID_VALUE, "expected at least one allowed value");
    }
    return Set.copyOf(values);
  }

  private static void writeHeader(JsonGenerator json, Catalog catalog) throws IOException {
    if (catalog.repository() != null) {
      json.writeStringField("repository", catalog.repository());
    }
    json.writeNumberField("serial", catalog.serial());
    if (catalog.expires() != null) {
      json.writeStringField("expires", catalog.expires().toString());
    }
    json.writeStringField("versionScheme", catalog.versionScheme());
  }

  private static void writeEntry(JsonGenerator json, CatalogEntry entry) throws IOException {
    JsonWriter.fileFields(json, entry.name(), entry.version(), entry.sha256(), entry.size());
    json.writeStringField("location", entry.locationText());
    if (entry.versionScheme() != null) {
      json.writeStringField("versionScheme", entry.versionScheme());
    }
    if (!entry.targeting().isAny()) {
      json.writeObjectFieldStart("targets");
      // Targeting keeps no order; sorting makes the output the same on every run.
      Map<String, Set<String>> sorted = new TreeMap<>(entry.targeting().requirements());
      for (Map.Entry<String, Set<String>> requirement : sorted.entrySet()) {
        json.writeArrayFieldStart(requirement.getKey());
        for (String value : new TreeSet<>(requirement.getValue())) {
          json.writeString(value);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
  }
}
