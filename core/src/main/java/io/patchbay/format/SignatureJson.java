package io.patchbay.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.EntryProof;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes a catalog's detached signature file ({@code catalog.json.sig}) and the per-file
 * proofs a gateway hands devices, which are the same document plus a Merkle inclusion proof:
 *
 * <pre>{@code
 * {"schemaVersion": 1,
 *  "statement": "patchbay-catalog-v2\nrepository: acme-prod\n...",
 *  "signatures": [{"keyid": "<hex>", "sig": "<base64>"}],
 *  "roots": [{"document": "<root document text>", "signatures": [...]}],
 *  "index": 4, "path": ["<hex>", ...]}
 * }</pre>
 *
 * <p>{@code roots} is optional; {@code index} and {@code path} are in proofs only. The statement
 * and root documents are strings so that the bytes signed (their UTF-8) survive any JSON
 * re-formatting. See {@code docs/signing.md}.
 *
 * <p>Stateless and thread-safe. Unknown fields are skipped, like in the other documents; a file
 * over 256 KiB, 256 signatures per list, 64 root documents or 16 KiB per string is refused before
 * anything in it is used.
 */
public final class SignatureJson {

  /** The largest signature file or proof read, in bytes; transports fetch no more than this. */
  public static final int MAX_BYTES = 256 * 1024;

  /** Far more than any threshold or rotation history needs, and small enough to stay cheap. */
  private static final JsonLimits LIMITS = new JsonLimits(MAX_BYTES, 256, 16 * 1024, 8);

  private static final int MAX_ROOTS = 64;
  private static final int MAX_SIGNATURES = 256;

  private static final JsonReader.Fields DOCUMENT =
      JsonReader.Fields.required("schemaVersion", "statement", "signatures").optional("roots");
  private static final JsonReader.Fields PROOF =
      JsonReader.Fields.required("schemaVersion", "statement", "signatures", "index", "path")
          .optional("roots");
  private static final JsonReader.Fields ROOT =
      JsonReader.Fields.required("document", "signatures");
  private static final JsonReader.Fields SIGNATURE = JsonReader.Fields.required("keyid", "sig");

  private SignatureJson() {}

  /**
   * Reads a signature file from {@code in}, to the end of the stream.
   *
   * @throws FormatException if it is not a valid signature file or over a limit; says where and why
   * @throws IOException if reading {@code in} fails
   */
  public static SignedStatement read(InputStream in) throws IOException {
    return FormatJson.read(in, LIMITS, json -> document(json, DOCUMENT).signed());
  }

  /**
   * Reads a device's proof from {@code in}, to the end of the stream.
   *
   * @throws FormatException if it is not a valid proof or over a limit; says where and why
   * @throws IOException if reading {@code in} fails
   */
  public static EntryProof readProof(InputStream in) throws IOException {
    return FormatJson.read(
        in,
        LIMITS,
        json -> {
          Read read = document(json, PROOF);
          try {
            return new EntryProof(read.signed(), read.index, read.path);
          } catch (IllegalArgumentException e) {
            throw json.fail(JsonReader.Kind.INVALID_VALUE, e.getMessage());
          }
        });
  }

  /**
   * Writes {@code signed} to {@code out} as a signature file; flushes {@code out} and leaves it
   * open.
   *
   * @throws IOException if writing fails
   */
  public static void write(SignedStatement signed, OutputStream out) throws IOException {
    write(signed, null, out);
  }

  /**
   * Writes {@code proof} to {@code out}, compactly; flushes {@code out} and leaves it open.
   *
   * @throws IOException if writing fails
   */
  public static void writeProof(EntryProof proof, OutputStream out) throws IOException {
    write(proof.signed(), proof, out);
  }

  private static void write(SignedStatement signed, EntryProof proof, OutputStream out)
      throws IOException {
    try (JsonGenerator json = Json.generator(out)) {
      if (proof == null) {
        json.useDefaultPrettyPrinter();
      }
      json.writeStartObject();
      json.writeNumberField("schemaVersion", FormatJson.SCHEMA_VERSION);
      json.writeStringField("statement", signed.statement());
      writeSignatures(json, signed.signatures());
      if (!signed.roots().isEmpty()) {
        json.writeArrayFieldStart("roots");
        for (SignedRoot root : signed.roots()) {
          json.writeStartObject();
          json.writeStringField("document", root.document());
          writeSignatures(json, root.signatures());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      if (proof != null) {
        json.writeNumberField("index", proof.index());
        json.writeArrayFieldStart("path");
        for (Sha256 hash : proof.path()) {
          json.writeString(hash.hex());
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      if (proof == null) {
        json.writeRaw('\n');
      }
    }
  }

  private static void writeSignatures(JsonGenerator json, List<CatalogSignature> signatures)
      throws IOException {
    json.writeArrayFieldStart("signatures");
    for (CatalogSignature signature : signatures) {
      json.writeStartObject();
      json.writeStringField("keyid", signature.keyId());
      json.writeStringField("sig", Base64.getEncoder().encodeToString(signature.signature()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** The members of a signature file or proof, as read. */
  private static final class Read {
    String statement;
    List<CatalogSignature> signatures = List.of();
    List<SignedRoot> roots = List.of();
    long index;
    List<Sha256> path = List.of();

    SignedStatement signed() {
      return new SignedStatement(statement, signatures, roots);
    }
  }

  private static Read document(JsonReader json, JsonReader.Fields fields) throws IOException {
    Read read = new Read();
    JsonReader.ObjectReader object = json.object(fields);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "schemaVersion" -> FormatJson.schemaVersion(json);
        case "statement" -> read.statement = json.string("a signed statement");
        case "signatures" -> read.signatures = signatures(json);
        case "roots" -> read.roots = roots(json);
        case "index" -> read.index = json.nonNegativeInteger();
        case "path" -> read.path = json.list(FormatJson::sha256);
      }
    }
    return read;
  }

  private static List<SignedRoot> roots(JsonReader json) throws IOException {
    return atMost(json, MAX_ROOTS, "root documents", json.list(SignatureJson::root));
  }

  private static List<CatalogSignature> signatures(JsonReader json) throws IOException {
    return atMost(json, MAX_SIGNATURES, "signatures", json.list(SignatureJson::signature));
  }

  private static <T> List<T> atMost(JsonReader json, int most, String what, List<T> read) {
    if (read.size() > most) {
      throw json.fail(JsonReader.Kind.TOO_LARGE, "more than " + most + " " + what);
    }
    return read;
  }

  private static SignedRoot root(JsonReader json) throws IOException {
    String document = null;
    List<CatalogSignature> signatures = List.of();
    JsonReader.ObjectReader object = json.object(ROOT);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "document" -> document = json.string("a root document");
        case "signatures" -> signatures = signatures(json);
      }
    }
    return new SignedRoot(document, signatures);
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
