package io.patchbay.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.internal.json.JsonReader.Fields;
import io.patchbay.model.FileEntry;
import io.patchbay.model.InvalidFileNameException;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.version.InvalidVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Reads and writes a client's {@link Manifest} as JSON, in the format {@code docs/formats.md}
 * specifies:
 *
 * <pre>{@code
 * {"schemaVersion": 1, "files": [
 *   {"name": "bin/player", "version": "1.2.0", "sha256": "<64 hex digits>", "size": 123}
 * ]}
 * }</pre>
 *
 * <p>{@code sha256} and {@code size} are optional. Readers take fields in any order and skip fields
 * they do not know. Reading streams: memory grows with the manifest, not with the document's text,
 * so a manifest of a million files needs no more than its entries.
 *
 * <p>Stateless and thread-safe. Both methods block on their stream and leave it open.
 */
public final class ManifestJson {

  private static final Fields DOCUMENT = Fields.required("schemaVersion", "files");
  private static final Fields ENTRY = Fields.required("name", "version").optional("sha256", "size");

  private ManifestJson() {}

  /**
   * Reads a manifest within the {@linkplain JsonLimits#defaults() default limits}; see {@link
   * #read(InputStream, JsonLimits)}.
   */
  public static Manifest read(InputStream in) throws IOException {
    return read(in, JsonLimits.defaults());
  }

  /**
   * Reads a manifest document from {@code in}, to the end of the stream.
   *
   * @throws FormatException if the document is not a valid manifest or exceeds {@code limits}; says
   *     where and why
   * @throws IOException if reading {@code in} fails
   */
  public static Manifest read(InputStream in, JsonLimits limits) throws IOException {
    return FormatJson.read(in, limits, ManifestJson::document);
  }

  /**
   * Writes {@code manifest} to {@code out} as UTF-8 JSON: fields in a fixed order, unknown digests
   * and sizes left out, one entry per line. Flushes {@code out}.
   *
   * @throws IOException if writing to {@code out} fails
   */
  public static void write(Manifest manifest, OutputStream out) throws IOException {
    JsonWriter.write(
        out, manifest, (json, document) -> {}, manifest.entries(), ManifestJson::writeEntry);
  }

  private static Manifest document(JsonReader json) throws IOException {
    Map<String, FileEntry> files = Map.of();
    JsonReader.ObjectReader object = json.object(DOCUMENT);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "schemaVersion" -> FormatJson.schemaVersion(json);
        case "files" -> {
          Manifest.Builder all = Manifest.builder();
          files = FormatJson.files(json, ManifestJson::entry, all::add, () -> all.build().files());
        }
      }
    }
    return new Manifest(files);
  }

  private static FileEntry entry(JsonReader json, FormatJson.Files files) throws IOException {
    String name = null;
    String version = null;
    Sha256 sha256 = null;
    long size = FileEntry.UNKNOWN_SIZE;
    JsonReader.ObjectReader object = files.entry(json, ENTRY);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "name" -> name = files.name(json);
        case "version" -> version = json.string("a version");
        case "sha256" -> sha256 = FormatJson.sha256(json);
        case "size" -> size = json.nonNegativeInteger();
      }
    }
    try {
      return new FileEntry(name, version, sha256, size);
    } catch (InvalidFileNameException e) {
      throw object.rejected("name", e);
    } catch (InvalidVersionException e) {
      throw object.rejected("version", e);
    }
  }

  private static void writeEntry(JsonGenerator json, FileEntry entry) throws IOException {
    JsonWriter.fileFields(json, entry.name(), entry.version(), entry.sha256(), entry.size());
  }
}
