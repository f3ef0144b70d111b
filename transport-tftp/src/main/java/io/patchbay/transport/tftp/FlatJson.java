package io.patchbay.transport.tftp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small documents of the device protocol over TFTP (commit records and results,
 * docs/protocol-tftp.md): one JSON object of string and integer members, nothing nested.
 */
final class FlatJson {

  /** The largest document read or written; a commit record holds one name, version and digest. */
  static final int MAX_BYTES = 8 * 1024;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_BYTES).maxNestingDepth(1).build())
      .build();

  private FlatJson() {}

  /**
   * The members of {@code json}, integers as their decimal text; unknown members are kept too, so
   * later versions of the protocol can add some.
   *
   * @throws IllegalArgumentException saying what is wrong if it is not one flat object of strings
   *     and integers with distinct names, or longer than {@value #MAX_BYTES} bytes
   */
  static Map<String, String> read(byte[] json) {
    if (json.length > MAX_BYTES) {
      throw new IllegalArgumentException("longer than " + MAX_BYTES + " bytes");
    }
    Map<String, String> members = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
          throw new IllegalArgumentException(name + " must be a string or an integer");
        }
        if (members.put(name, parser.getText()) != null) {
          throw new IllegalArgumentException(name + " appears twice");
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("content after the object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("Reading from memory cannot fail", e);
    }
    return members;
  }

  /** The member {@code name} of a document {@link #read}. */
  static String required(Map<String, String> members, String name) {
    String value = members.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /** {@code members} as one JSON object; {@link Long} values are written as numbers, the rest as strings. */
  static byte[] write(Map<String, ?> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
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
}
