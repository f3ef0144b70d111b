package io.patchbay.transport.mender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mender artifact format v3 as the gateway writes and reads it. */
class ArtifactFormatTest {

  private static final ArtifactWriter.Spec SPEC =
      new ArtifactWriter.Spec(
          "bin-player-2.0.0",
          "stb",
          "/opt/patchbay/bin",
          "player",
          "rootfs-image.bin/player.version",
          "2.0.0");

  @TempDir Path home;

  @Test
  void aWrittenArtifactsHeaderReadsBackWithItsNameDeviceTypeAndProvides() throws Exception {
    Map<String, byte[]> parts = parts(write(null));

    ArtifactHeader header;
    try (InputStream in = Files.newInputStream(home.resolve("a.mender"))) {
      header = ArtifactHeader.read(in, "bin/player");
    }

    assertThat(parts.keySet())
        .containsExactly("version", "manifest", "header.tar.gz", "data/0000.tar.gz");
    assertThat(header.name()).isEqualTo("bin-player-2.0.0");
    assertThat(header.deviceTypes()).containsExactly("stb");
    assertThat(header.provides())
        .containsExactly(Map.entry("rootfs-image.bin/player.version", "2.0.0"));
  }

  @Test
  void theManifestListsTheSha256OfEveryOtherPartAndOfEachPayloadFile() throws Exception {
    Map<String, byte[]> parts = parts(write(null));
    String manifest = new String(parts.get("manifest"), StandardCharsets.UTF_8);

    assertThat(manifest)
        .contains(sha256(parts.get("version")) + "  version\n")
        .contains(sha256(parts.get("header.tar.gz")) + "  header.tar.gz\n")
        .contains(
            sha256("player 2.0.0\n".getBytes(StandardCharsets.UTF_8)) + "  data/0000/player\n")
        .contains(
            sha256("/opt/patchbay/bin\n".getBytes(StandardCharsets.UTF_8))
                + "  data/0000/dest_dir\n");
  }

  @Test
  void aSignedManifestVerifiesWithTheGatewaysEcdsaKeyAsRAndS() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();

    Map<String, byte[]> parts = parts(write(key));
    byte[] signature = Base64.getDecoder().decode(parts.get("manifest.sig"));
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(key.getPublic());
    verifier.update(parts.get("manifest"));

    assertThat(parts.keySet()).containsSubsequence("manifest", "manifest.sig", "header.tar.gz");
    assertThat(signature).hasSize(64);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void aPayloadShorterThanItsEntryIsAnErrorAndLeavesNoScratchFile() throws Exception {
    byte[] payload = "short".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                ArtifactWriter.write(
                    new ByteArrayInputStream(payload),
                    100,
                    SPEC,
                    null,
                    home,
                    home.resolve("b.mender")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("5 bytes, not 100");
    assertThat(home.resolve("data-0000.tar.gz")).doesNotExist();
  }

  @Test
  void anArtifactOfAnotherFormatVersionOrWithAnUnreadableHeaderIsRefused() throws Exception {
    assertThatThrownBy(() -> read(tar(Map.of("version", "{\"format\":\"mender\",\"version\":2}"))))
        .isInstanceOf(InvalidMenderArtifactException.class)
        .hasMessageContaining("schema version");
    assertThatThrownBy(() -> read(tar(Map.of("manifest", "x"))))
        .isInstanceOf(InvalidMenderArtifactException.class)
        .hasMessageContaining("version entry");
    Map<String, String> xz = new LinkedHashMap<>();
    xz.put("version", "{\"format\":\"mender\",\"version\":3}");
    xz.put("header.tar.xz", "xz");
    assertThatThrownBy(() -> read(tar(xz)))
        .isInstanceOf(InvalidMenderArtifactException.class)
        .hasMessageContaining("--compression gzip");
  }

  @Test
  void aHeaderThatInflatesPastItsCapIsRefused() throws Exception {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb);
        TarArchiveOutputStream header = new TarArchiveOutputStream(gzip)) {
      // A few KiB compressed, over the cap inflated.
      put(header, "padding", new byte[ArtifactHeader.MAX_HEADER_BYTES + 1024]);
    }
    ByteArrayOutputStream artifact = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(artifact)) {
      put(tar, "version", "{\"format\":\"mender\",\"version\":3}".getBytes(StandardCharsets.UTF_8));
      put(tar, "header.tar.gz", bomb.toByteArray());
    }

    assertThatThrownBy(() -> read(artifact.toByteArray()))
        .isInstanceOf(InvalidMenderArtifactException.class)
        .hasMessageContaining("over " + ArtifactHeader.MAX_HEADER_BYTES + " bytes");
  }

  private Path write(KeyPair key) throws Exception {
    byte[] payload = "player 2.0.0\n".getBytes(StandardCharsets.UTF_8);
    Path target = home.resolve("a.mender");
    ArtifactWriter.write(
        new ByteArrayInputStream(payload),
        payload.length,
        SPEC,
        key == null ? null : key.getPrivate(),
        home,
        target);
    return target;
  }

  private static Map<String, byte[]> parts(Path artifact) throws IOException {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(artifact))) {
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        parts.put(entry.getName(), in.readAllBytes());
      }
    }
    return parts;
  }

  private static ArtifactHeader read(byte[] artifact) throws IOException {
    return ArtifactHeader.read(new ByteArrayInputStream(artifact), "epg-app");
  }

  private static byte[] tar(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        put(tar, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
