package io.patchbay.transport.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.trust.TrustException;
import java.io.ByteArrayInputStream;
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
 * @param refusal for {@link #UNTRUSTED_FILE}, the broken trust rule ({@link
 *     TrustException.Refusal}'s name), an extension member; else {@code null}
 */
record Problem(String type, String title, int status, String detail, String refusal) {

  static final String MEDIA_TYPE = "application/problem+json";
  static final String BASE = "https://patchbay.io/problems/";
  static final String INVALID_NAME = BASE + "invalid-name";
  static final String INVALID_REQUEST = BASE + "invalid-request";
  static final String BUSY = BASE + "busy";
  static final String TOO_LARGE = BASE + "too-large";
  static final String DIGEST_MISMATCH = BASE + "digest-mismatch";
  static final String NO_SPACE = BASE + "no-space";
  static final String UNAVAILABLE = BASE + "unavailable";
  static final String UNTRUSTED_FILE = BASE + "untrusted-file";
  static final String INVALID_PROOF = BASE + "invalid-proof";

  private static final int MAX_BYTES = 64 * 1024;
  private static final JsonReader.Fields FIELDS =
      JsonReader.Fields.none().optional("type", "title", "detail", "refusal");

  /** A problem without extension members. */
  Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, null);
  }

  /** The answer of a device that refused to install a file its trust does not allow. */
  static Problem untrusted(TrustException refused) {
    return new Problem(
        UNTRUSTED_FILE, "Untrusted file", 403, refused.getMessage(), refused.refusal().name());
  }

  /** The detail if there is one, else the title. */
  String explanation() {
    return detail != null ? detail : title;
  }

  /**
   * Reads the problem document of an error response, or returns {@code null} if the body is not one
   * (or is malformed: an error page must not hide the status). Reads at most 64 KiB. Closes the
   * body.
   */
  static Problem readIfAny(HttpResponse<InputStream> response) {
    boolean isProblem =
        response
            .headers()
            .firstValue("Content-Type")
            .map(type -> type.toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE))
            .orElse(false);
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

  /**
   * The problem document {@code json} of a response with {@code status}, or {@code null} if it is
   * not one.
   */
  static Problem parse(byte[] json, int status) throws IOException {
    try {
      return JsonReader.read(
          new ByteArrayInputStream(json),
          JsonReader.Limits.DEFAULTS,
          (kind, at, reason, cause) -> new NotAProblem(),
          document -> read(document, status));
    } catch (NotAProblem e) {
      return null;
    }
  }

  private static Problem read(JsonReader json, int status) throws IOException {
    String type = null;
    String title = null;
    String detail = null;
    String refusal = null;
    JsonReader.ObjectReader object = json.object(FIELDS);
    // RFC 9457 section 3.1: a member whose value has the wrong type is ignored, as if absent.
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "type" -> type = json.optionalString();
        case "title" -> title = json.optionalString();
        case "detail" -> detail = json.optionalString();
        case "refusal" -> refusal = json.optionalString();
      }
    }
    return new Problem(type == null ? "about:blank" : type, title, status, detail, refusal);
  }

  /** A body that is not a problem document, which the status alone then explains. */
  private static final class NotAProblem extends RuntimeException {
    NotAProblem() {
      super(null, null, false, false);
    }
  }

  /** Writes this problem as JSON. */
  void writeTo(OutputStream out) throws IOException {
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeStringField("type", type);
      json.writeStringField("title", title);
      json.writeNumberField("status", status);
      if (detail != null) {
        json.writeStringField("detail", detail);
      }
      if (refusal != null) {
        json.writeStringField("refusal", refusal);
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
