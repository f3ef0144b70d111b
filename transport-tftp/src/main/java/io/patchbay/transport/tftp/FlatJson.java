package io.patchbay.transport.tftp;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import io.patchbay.internal.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The small documents of the device protocol over TFTP (commit records and results,
 * docs/protocol-tftp.md): one JSON object of string and integer members, nothing nested (the proof
 * a commit record carries is a JSON document inside a string).
 */
final class FlatJson {

  /**
   * The largest document read or written: a commit record holds one name, version and digest, and
   * the file's proof (a few KB; this leaves room for a long key rotation history).
   */
  static final int MAX_BYTES = 64 * 1024;

  private static final JsonReader.Limits LIMITS =
      JsonReader.Limits.DEFAULTS
          .withMaxDocumentBytes(MAX_BYTES)
          .withMaxStringLength(MAX_BYTES)
          .withMaxNestingDepth(1);

  private FlatJson() {}

  /**
   * The members of {@code json}, integers as their decimal text; unknown members are kept too, so
   * later versions of the protocol can add some.
   *
   * @throws IllegalArgumentException saying what is wrong if it is not one flat object of strings
   *     and integers with distinct names, or longer than {@value #MAX_BYTES} bytes
   */
  static Map<String, String> read(byte[] json) {
    try {
      return JsonReader.read(
          new ByteArrayInputStream(json),
          LIMITS,
          FlatJson::failure,
          document -> document.map(JsonReader::stringOrInteger));
    } catch (IOException e) {
      throw new IllegalStateException("Reading from memory cannot fail", e);
    }
  }

  /** The member {@code name} of a document {@link #read}. */
  static String required(Map<String, String> members, String name) {
    String value = members.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /**
   * {@code members} as one JSON object; {@link Long} values are written as numbers, the rest as
   * strings.
   */
  static byte[] write(Map<String, ?> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, ?> member : members.entrySet()) {
        if (member.getValue() instanceof Long number) {
          json.writeNumberField(member.getKey(), number);
        } else {
          json.writeStringField(member.getKey(), String.valueOf(member.getValue()));
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static IllegalArgumentException failure(
      JsonReader.Kind kind, JsonReader.Position at, String reason, Throwable cause) {
    String where = at.path().isEmpty() ? "" : at.path() + ": ";
    return new IllegalArgumentException(
        where + reason + " (line " + at.line() + ", column " + at.column() + ")", cause);
  }
}
