package io.patchbay.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.model.CatalogSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes a catalog's detached signature file ({@code catalog.json.sig}): {@code
 * {"schemaVersion":1,"signatures":[{"keyid":"<hex>","sig":"<base64>"}]}}. See {@code
 * docs/signing.md}.
 *
 * <p>Stateless and thread-safe. Unknown fields are skipped, like in the other documents.
 */
public final class SignatureJson {

  /** Far more than any threshold needs, and small enough to keep a hostile file cheap. */
  private static final JsonLimits LIMITS = new JsonLimits(64 * 1024, 256, 1024, 8);

  private static final JsonReader.Fields DOCUMENT =
      JsonReader.Fields.required("schemaVersion", "signatures");
  private static final JsonReader.Fields SIGNATURE = JsonReader.Fields.required("keyid", "sig");

  private SignatureJson() {}

  /**
   * Reads a signature file from {@code in}, to the end of the stream.
   *
   * @throws FormatException if it is not a valid signature file or over 64 KiB; says where and why
   * @throws IOException if reading {@code in} fails
   */
  public static List<CatalogSignature> read(InputStream in) throws IOException {
    return FormatJson.read(in, LIMITS, SignatureJson::document);
  }

  /**
   * Writes {@code signatures} to {@code out} as a signature file; flushes {@code out} and leaves it
   * open.
   *
   * @throws IOException if writing fails
   */
  public static void write(List<CatalogSignature> signatures, OutputStream out) throws IOException {
    try (JsonGenerator json = Json.generator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("schemaVersion", FormatJson.SCHEMA_VERSION);
      json.writeArrayFieldStart("signatures");
      for (CatalogSignature signature : signatures) {
        json.writeStartObject();
        json.writeStringField("keyid", signature.keyId());
        json.writeStringField("sig", Base64.getEncoder().encodeToString(signature.signature()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    }
  }

  private static List<CatalogSignature> document(JsonReader json) throws IOException {
    List<CatalogSignature> signatures = List.of();
    JsonReader.ObjectReader object = json.object(DOCUMENT);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "schemaVersion" -> FormatJson.schemaVersion(json);
        case "signatures" -> signatures = json.list(SignatureJson::signature);
      }
    }
    return signatures;
  }

  private static CatalogSignature signature(JsonReader json) throws IOException {
    String keyId = null;
    byte[] signature = null;
    JsonReader.ObjectReader object = json.object(SIGNATURE);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "keyid" ->
            keyId =
                json.string(
                    "a key id (64 lowercase hexadecimal characters)",
                    CatalogSignature::requireKeyId);
        case "sig" ->
            signature = json.string("a non-empty base64 signature", SignatureJson::decode);
      }
    }
    return new CatalogSignature(keyId, signature);
  }

  private static byte[] decode(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("empty signature");
    }
    return bytes;
  }
}
