package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Manifests and catalogs keep their entries as columns and make them again when read: what is read
 * back must equal what was put in, whichever way it was put in.
 */
class EntryColumnsTest {

  private static Sha256 digest(int i) {
    return Sha256.of(i, ~(long) i, (long) i << 40, -i);
  }

  @Test
  void aManifestBuiltOneEntryAtATimeGivesBackEveryEntryAsGivenWithOrWithoutDigestAndSize() {
    List<FileEntry> entries = new ArrayList<>();
    Manifest.Builder builder = Manifest.builder();
    for (int i = 0; i < 1_000; i++) {
      FileEntry entry =
          i % 3 == 0
              ? FileEntry.of("lib/" + i + ".so", "1." + i)
              : new FileEntry("lib/" + i + ".so", "2." + i + ".0-rc", digest(i), i * 7L);
      entries.add(entry);
      builder.add(entry);
    }

    Manifest built = builder.build();

    assertThat(built.entries()).containsExactlyElementsOf(entries);
    assertThat(built).isEqualTo(Manifest.of(entries));
    assertThat(built.find("lib/999.so")).contains(entries.get(999));
  }

  @Test
  void aCatalogGivesBackLocationsAsGivenAndKeepsEntriesWithTargetingOrAScheme() {
    Targeting stb = new Targeting(Map.of("model", Set.of("STB-100")));
    CatalogEntry plainText =
        CatalogEntry.of("a.bin", "1.0.0", digest(1), 10, "artifacts/a%20b.bin", null, null);
    CatalogEntry plainUri =
        CatalogEntry.of("b.bin", "1.0.0", digest(2), 20, URI.create("https://cdn.example/b?x=1"));
    CatalogEntry targeted =
        new CatalogEntry("c.bin", "1.0.0", digest(3), 30, URI.create("c.bin"), null, stb);
    CatalogEntry ownScheme =
        new CatalogEntry("d.bin", "1:1.0-1", digest(4), 40, URI.create("d.bin"), "debian", null);

    Catalog catalog =
        Catalog.builder()
            .add(plainText)
            .add(plainUri)
            .add(targeted)
            .add(ownScheme)
            .build(7, null, "semver");

    assertThat(catalog.entries()).containsExactly(plainText, plainUri, targeted, ownScheme);
    assertThat(catalog.find("a.bin").orElseThrow().location())
        .isEqualTo(URI.create("artifacts/a%20b.bin"));
    for (CatalogEntry entry : catalog.entries()) {
      assertThat(entry.locationText()).isEqualTo(entry.location().toString());
    }
    assertThat(catalog.find("a.bin").orElseThrow().locationText()).isEqualTo("artifacts/a%20b.bin");
    assertThat(catalog.find("b.bin").orElseThrow().locationText())
        .isEqualTo("https://cdn.example/b?x=1");
    assertThat(catalog.find("c.bin").orElseThrow()).isSameAs(targeted);
    assertThat(catalog.find("d.bin").orElseThrow()).isSameAs(ownScheme);
    assertThat(catalog.serial()).isEqualTo(7);
  }

  @Test
  void buildersRefuseANameAddedTwiceAtItsSecondPosition() {
    Manifest.Builder builder =
        Manifest.builder()
            .add(FileEntry.of("a", "1"))
            .add(FileEntry.of("b", "1"))
            .add(FileEntry.of("a", "2"));

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            DuplicateFileException.class, e -> assertThat(e.index()).isEqualTo(2))
        .hasMessageContaining("a");
  }

  @Test
  void aBuilderBuildsOnceAndTakesNoEntryAfterwards() {
    Manifest.Builder builder = Manifest.builder().add(FileEntry.of("a", "1"));
    Manifest built = builder.build();

    assertThatThrownBy(() -> builder.add(FileEntry.of("b", "1")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    assertThat(built.entries()).containsExactly(FileEntry.of("a", "1"));
  }

  @Test
  void sha256MadeOfItsWordsIsTheSameDigest() {
    Sha256 digest = Sha256.parse("0123456789abcdef".repeat(4));

    assertThat(Sha256.of(digest.word(0), digest.word(1), digest.word(2), digest.word(3)))
        .isEqualTo(digest);
  }
}
