package io.patchbay.format;

import static io.patchbay.format.Documents.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reads the documentation's examples through the readers, so that the documentation stays true. */
class ExampleDocumentsTest {

  /** Surefire runs in the module's directory; the documentation is beside it. */
  private static final Path DOCS = Path.of("..", "docs");

  private static final Pattern BLOCK =
      Pattern.compile("```json (manifest|catalog)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theExampleManifestReads() throws IOException {
    Manifest manifest;
    try (InputStream in = Files.newInputStream(DOCS.resolve("examples/manifest.json"))) {
      manifest = ManifestJson.read(in);
    }

    assertThat(manifest.entries())
        .extracting(FileEntry::name)
        .containsExactly("bin/player", "fw/tuner.bin", "etc/channels.conf");
    assertThat(manifest.find("fw/tuner.bin"))
        .contains(new FileEntry("fw/tuner.bin", "1:4.2-3", null, 262144));
  }

  @Test
  void theExampleCatalogReads() throws IOException {
    Catalog catalog;
    try (InputStream in = Files.newInputStream(DOCS.resolve("examples/catalog.json"))) {
      catalog = CatalogJson.read(in);
    }

    assertThat(catalog.serial()).isEqualTo(42);
    assertThat(catalog.expires()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    CatalogEntry player = catalog.find("bin/player").orElseThrow();
    assertThat(player.location()).isEqualTo(URI.create("artifacts/player-2.0.0.bin"));
    assertThat(player.targeting().appliesTo(Map.of("model", "STB-200", "hardwareRevision", "B")))
        .isTrue();
    assertThat(player.targeting().appliesTo(Map.of("model", "STB-300", "hardwareRevision", "B")))
        .isFalse();
    assertThat(catalog.schemeOf(catalog.find("fw/tuner.bin").orElseThrow())).isEqualTo("debian");
  }

  @Test
  void everyDocumentInTheFormatDescriptionReads() throws IOException {
    List<String> kinds = new ArrayList<>();
    Matcher block = BLOCK.matcher(Files.readString(DOCS.resolve("formats.md")));
    while (block.find()) {
      if (block.group(1).equals("manifest")) {
        ManifestJson.read(utf8(block.group(2)));
      } else {
        CatalogJson.read(utf8(block.group(2)));
      }
      kinds.add(block.group(1));
    }

    assertThat(kinds).containsExactly("manifest", "catalog");
  }

  @Test
  void theSchemasAreDraft2020_12() throws IOException {
    for (String schema : Set.of("manifest.schema.json", "catalog.schema.json")) {
      assertThat(topLevelString(DOCS.resolve("schema").resolve(schema), "$schema"))
          .as(schema)
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
  }

  /**
   * The string value of a top-level field; reading to the end checks the file is well-formed JSON.
   */
  private static String topLevelString(Path file, String field) throws IOException {
    String value = null;
    try (JsonParser parser = new JsonFactory().createParser(Files.readString(file, UTF_8))) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING
            && parser.getParsingContext().getParent().inRoot()
            && field.equals(parser.currentName())) {
          value = parser.getText();
        }
      }
    }
    return value;
  }
}
