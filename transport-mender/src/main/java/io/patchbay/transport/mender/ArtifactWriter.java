package io.patchbay.transport.mender;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a Mender artifact (format version 3) that installs one plain file with the client's stock
 * {@code single-file} update module, as {@code single-file-artifact-gen} would: the outer tar holds
 * {@code version}, {@code manifest} (SHA-256 of every other file), {@code manifest.sig} when
 * signed, {@code header.tar.gz} ({@code header-info}, {@code headers/0000/type-info}) and {@code
 * data/0000.tar.gz} (the module's {@code dest_dir}, {@code filename} and {@code permissions}, then
 * the file). Entries carry fixed owners and times, so the same input makes the same bytes.
 * Stateless.
 */
final class ArtifactWriter {

  private static final String DATA = "data/0000/";
  private static final String MODULE = "single-file";

  /**
   * What to wrap.
   *
   * @param artifactName the artifact's {@code artifact_name}
   * @param deviceType the device type it is for
   * @param destinationDirectory the absolute directory on the device it installs into
   * @param fileName the file's name in that directory
   * @param providesKey the provides key that reports the file's version
   * @param version that version
   */
  record Spec(
      String artifactName,
      String deviceType,
      String destinationDirectory,
      String fileName,
      String providesKey,
      String version) {}

  private ArtifactWriter() {}

  /**
   * Writes the artifact of {@code payload} ({@code size} bytes) to {@code target}, signing its
   * manifest with {@code key} if it is not {@code null}; uses {@code scratch} for the data part.
   *
   * @throws IOException if reading the payload or writing fails, or it is not {@code size} bytes
   * @throws GeneralSecurityException if {@code key} cannot sign
   */
  static void write(
      InputStream payload, long size, Spec spec, PrivateKey key, Path scratch, Path target)
      throws IOException, GeneralSecurityException {
    Map<String, String> sums = new LinkedHashMap<>();
    Path data = scratch.resolve("data-0000.tar.gz");
    try {
      writeData(payload, size, spec, data, sums);
      byte[] header = header(spec);
      byte[] version = "{\"format\":\"mender\",\"version\":3}".getBytes(StandardCharsets.UTF_8);
      sums.put("header.tar.gz", hex(sha256().digest(header)));
      sums.put("version", hex(sha256().digest(version)));
      StringBuilder manifest = new StringBuilder();
      sums.forEach((name, sum) -> manifest.append(sum).append("  ").append(name).append('\n'));
      byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = Files.newOutputStream(target);
          TarArchiveOutputStream tar = tar(out)) {
        entry(tar, "version", version);
        entry(tar, "manifest", manifestBytes);
        if (key != null) {
          entry(tar, "manifest.sig", signature(manifestBytes, key));
        }
        entry(tar, "header.tar.gz", header);
        tar.putArchiveEntry(entry("data/0000.tar.gz", Files.size(data)));
        Files.copy(data, tar);
        tar.closeArchiveEntry();
        tar.finish();
      }
    } finally {
      Files.deleteIfExists(data);
    }
  }

  private static void writeData(
      InputStream payload, long size, Spec spec, Path data, Map<String, String> sums)
      throws IOException {
    Map<String, byte[]> module = new LinkedHashMap<>();
    module.put("dest_dir", (spec.destinationDirectory() + "\n").getBytes(StandardCharsets.UTF_8));
    module.put("filename", (spec.fileName() + "\n").getBytes(StandardCharsets.UTF_8));
    module.put("permissions", "644\n".getBytes(StandardCharsets.UTF_8));
    try (OutputStream out = Files.newOutputStream(data);
        GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
        TarArchiveOutputStream tar = tar(gzip)) {
      for (Map.Entry<String, byte[]> file : module.entrySet()) {
        entry(tar, file.getKey(), file.getValue());
        sums.put(DATA + file.getKey(), hex(sha256().digest(file.getValue())));
      }
      MessageDigest digest = sha256();
      tar.putArchiveEntry(entry(spec.fileName(), size));
      long copied;
      try (DigestInputStream in = new DigestInputStream(payload, digest)) {
        copied = in.transferTo(tar);
      }
      if (copied != size) {
        throw new IOException(
            "The payload of " + spec.artifactName() + " has " + copied + " bytes, not " + size);
      }
      tar.closeArchiveEntry();
      tar.finish();
      sums.put(DATA + spec.fileName(), hex(digest.digest()));
    }
  }

  private static byte[] header(Spec spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = tar(gzip)) {
      entry(tar, "header-info", headerInfo(spec));
      entry(tar, "headers/0000/type-info", typeInfo(spec));
      tar.finish();
    }
    return bytes.toByteArray();
  }

  private static byte[] headerInfo(Spec spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.generator(bytes)) {
      json.writeStartObject();
      json.writeArrayFieldStart("payloads");
      json.writeStartObject();
      json.writeStringField("type", MODULE);
      json.writeEndObject();
      json.writeEndArray();
      json.writeObjectFieldStart("artifact_provides");
      json.writeStringField("artifact_name", spec.artifactName());
      json.writeEndObject();
      json.writeObjectFieldStart("artifact_depends");
      json.writeArrayFieldStart("device_type");
      json.writeString(spec.deviceType());
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private static byte[] typeInfo(Spec spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String stem = spec.providesKey().substring(0, spec.providesKey().length() - "version".length());
    try (JsonGenerator json = Json.generator(bytes)) {
      json.writeStartObject();
      json.writeStringField("type", MODULE);
      json.writeObjectFieldStart("artifact_provides");
      json.writeStringField(spec.providesKey(), spec.version());
      json.writeEndObject();
      // An older version's provides of this file are replaced, not kept beside the new one.
      json.writeArrayFieldStart("clears_artifact_provides");
      json.writeString(stem + "*");
      json.writeEndArray();
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }

  /**
   * The manifest's signature as mender-artifact writes it, base64: RSA PKCS #1 v1.5 over SHA-256,
   * or ECDSA P-256 over SHA-256 as the 64 bytes r||s (mender-artifact's artifact/signer.go).
   */
  private static byte[] signature(byte[] manifest, PrivateKey key) throws GeneralSecurityException {
    Signature signature =
        Signature.getInstance(
            switch (key.getAlgorithm()) {
              case "RSA" -> "SHA256withRSA";
              case "EC" -> "SHA256withECDSAinP1363Format";
              default ->
                  throw new GeneralSecurityException(
                      "Mender artifacts are signed with RSA or ECDSA P-256 keys, not "
                          + key.getAlgorithm());
            });
    signature.initSign(key);
    signature.update(manifest);
    return Base64.getEncoder().encode(signature.sign());
  }

  private static TarArchiveOutputStream tar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  private static void entry(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    tar.putArchiveEntry(entry(name, content.length));
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setMode(0100600);
    entry.setModTime(0);
    return entry;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
