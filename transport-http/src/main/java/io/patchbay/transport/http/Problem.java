package io.patchbay.transport.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * An RFC 9457 problem document, as devices of the Patchbay protocol send with every error.
 *
 * @param type a URI naming the problem, such as {@code https://patchbay.io/problems/busy}
 * @param title a short summary
 * @param status the HTTP status
 * @param detail an explanation of this occurrence, or {@code null}
 */
record Problem(String type, String title, int status, String detail) {

  static final String MEDIA_TYPE = "application/problem+json";
  static final String BASE = "https://patchbay.io/problems/";
  static final String INVALID_NAME = BASE + "invalid-name";
  static final String INVALID_REQUEST = BASE + "invalid-request";
  static final String BUSY = BASE + "busy";
  static final String TOO_LARGE = BASE + "too-large";
  static final String DIGEST_MISMATCH = BASE + "digest-mismatch";
  static final String NO_SPACE = BASE + "no-space";
  static final String UNAVAILABLE = BASE + "unavailable";

  private static final int MAX_BYTES = 64 * 1024;
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** The detail if there is one, else the title. */
  String explanation() {
    return detail != null ? detail : title;
  }

  /**
   * Reads the problem document of an error response, or returns {@code null} if the body is not
   * one (or is malformed: an error page must not hide the status). Reads at most 64 KiB. Closes
   * the body.
   */
  static Problem readIfAny(HttpResponse<InputStream> response) {
    boolean isProblem = response.headers().firstValue("Content-Type")
        .map(type -> type.toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE)).orElse(false);
    try (InputStream body = response.body()) {
      if (!isProblem) {
        return null;
      }
      byte[] bytes = body.readNBytes(MAX_BYTES);
      return parse(bytes, response.statusCode());
    } catch (IOException e) {
      return null;
    }
  }

  private static Problem parse(byte[] json, int status) throws IOException {
    String type = "about:blank";
    String title = null;
    String detail = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("type")) {
          type = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && field.equals("title")) {
          title = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && field.equals("detail")) {
          detail = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
    return new Problem(type, title, status, detail);
  }

  /** Writes this problem as JSON. */
  void writeTo(OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", type);
      json.writeStringField("title", title);
      json.writeNumberField("status", status);
      if (detail != null) {
        json.writeStringField("detail", detail);
      }
      json.writeEndObject();
    }
  }

  /** This problem as JSON bytes. */
  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
