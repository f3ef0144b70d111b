package io.patchbay.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.patchbay.internal.json.Json;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;

/**
 * Writes what manifests and catalogs have in common: the document's object with its schema version
 * first, so a reader can reject an unknown version before reading any entry, and the {@code files}
 * array with one entry per line.
 */
final class JsonWriter {

  /** Writes the fields of one value into an object that is already open. */
  @FunctionalInterface
  interface Fields<T> {
    void write(JsonGenerator json, T value) throws IOException;
  }

  private static final MinimalPrettyPrinter ONE_ENTRY_PER_LINE = new OneEntryPerLine();

  private JsonWriter() {}

  /**
   * Writes {@code {"schemaVersion":1, <header>, "files":[<entries>]}} to {@code out} as UTF-8,
   * ending with a new line; flushes {@code out} and leaves it open.
   */
  static <D, E> void write(
      OutputStream out, D document, Fields<D> header, Collection<E> entries, Fields<E> entry)
      throws IOException {
    try (JsonGenerator json = Json.generator(out)) {
      json.setPrettyPrinter(ONE_ENTRY_PER_LINE);
      json.writeStartObject();
      json.writeNumberField("schemaVersion", FormatJson.SCHEMA_VERSION);
      header.write(json, document);
      json.writeArrayFieldStart("files");
      for (E value : entries) {
        json.writeStartObject();
        entry.write(json, value);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    }
  }

  /** Writes the fields every file entry has, leaving out a digest or size that is not known. */
  static void fileFields(JsonGenerator json, String name, String version, Sha256 sha256, long size)
      throws IOException {
    json.writeStringField("name", name);
    json.writeStringField("version", version);
    if (sha256 != null) {
      json.writeStringField("sha256", sha256.hex());
    }
    if (size != FileEntry.UNKNOWN_SIZE) {
      json.writeNumberField("size", size);
    }
  }

  /**
   * Compact JSON, but with every entry of the {@code files} array on a line of its own, so that
   * line diffs and the line numbers of errors point at entries.
   */
  private static final class OneEntryPerLine extends MinimalPrettyPrinter {

    @Override
    public void beforeArrayValues(JsonGenerator json) throws IOException {
      newLineInFiles(json);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator json) throws IOException {
      super.writeArrayValueSeparator(json);
      newLineInFiles(json);
    }

    @Override
    public void writeEndArray(JsonGenerator json, int values) throws IOException {
      if (values > 0) {
        newLineInFiles(json);
      }
      super.writeEndArray(json, values);
    }

    // The files array is the only array right inside the document's object.
    private static void newLineInFiles(JsonGenerator json) throws IOException {
      if (json.getOutputContext().getNestingDepth() == 2) {
        json.writeRaw('\n');
      }
    }
  }
}
