package io.patchbay.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeManifestTest {

  private static final int MILLION = 1_000_000;

  @Test
  void readsAMillionEntryManifestStreamedFromItsProducer() throws IOException {
    Manifest manifest = ManifestJson.read(new GeneratedManifest(MILLION));

    assertThat(manifest.size()).isEqualTo(MILLION);
    assertThat(manifest.entries().iterator().next()).isEqualTo(GeneratedManifest.entry(0));
    for (int index : new int[] {1, 65_536, 500_000, MILLION - 1}) {
      FileEntry expected = GeneratedManifest.entry(index);
      assertThat(manifest.find(expected.name())).contains(expected);
    }
  }

  @Test
  void writesAMillionEntryManifestThatReadsBackEqual(@TempDir Path directory) throws IOException {
    Manifest manifest = ManifestJson.read(new GeneratedManifest(MILLION));
    Path file = directory.resolve("manifest.json");

    try (OutputStream out = Files.newOutputStream(file)) {
      ManifestJson.write(manifest, out);
    }
    Manifest readBack;
    try (InputStream in = Files.newInputStream(file)) {
      readBack = ManifestJson.read(in);
    }

    assertThat(readBack).isEqualTo(manifest);
  }
}
