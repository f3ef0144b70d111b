package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.version.InvalidVersionException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTest {

  private static final Sha256 DIGEST = Sha256.parse("0F".repeat(32));

  @Test
  void sha256IsNormalisedToLowerCaseAndConvertsToBase64() {
    assertThat(DIGEST.hex()).isEqualTo("0f".repeat(32));
    assertThat(Sha256.of(DIGEST.bytes())).isEqualTo(DIGEST);
    assertThat(DIGEST.base64()).isEqualTo("Dw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8PDw8=");
  }

  @Test
  void sha256RejectsWrongLengthsAndNonHex() {
    assertThatThrownBy(() -> Sha256.parse("abc"))
        .isInstanceOf(InvalidDigestException.class)
        .hasMessageContaining("\"abc\"");
    assertThatThrownBy(() -> Sha256.parse("g".repeat(64)))
        .isInstanceOf(InvalidDigestException.class);
    assertThatThrownBy(() -> new Sha256("AB".repeat(32)))
        .isInstanceOf(InvalidDigestException.class);
  }

  @Test
  void fileEntryRejectsUnsafeNamesAndMalformedVersions() {
    assertThatThrownBy(() -> FileEntry.of("../x", "1.0.0"))
        .isInstanceOf(InvalidFileNameException.class);
    assertThatThrownBy(() -> FileEntry.of("bin/x", " "))
        .isInstanceOfSatisfying(
            InvalidVersionException.class, e -> assertThat(e.fileName()).isEqualTo("bin/x"));
    assertThatThrownBy(() -> FileEntry.of("bin/x", "1.0\n.0"))
        .isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> FileEntry.of("bin/x", "1".repeat(257)))
        .isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> new FileEntry("bin/x", "1.0.0", null, -5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fileEntryMatchesVersionAndDigestWhereBothAreKnown() {
    FileEntry withDigest = new FileEntry("bin/x", "1.0.0", DIGEST, 3);
    Sha256 other = Sha256.parse("1a".repeat(32));

    assertThat(withDigest.matches("1.0.0", DIGEST)).isTrue();
    assertThat(withDigest.matches("1.0.0", other)).isFalse();
    assertThat(withDigest.matches("1.0.1", DIGEST)).isFalse();
    assertThat(FileEntry.of("bin/x", "1.0.0").matches("1.0.0", other)).isTrue();
  }

  @Test
  void manifestKeepsOrderFindsByNameAndRejectsDuplicates() {
    Manifest manifest = Manifest.of(FileEntry.of("b", "1"), FileEntry.of("a", "2"));

    assertThat(manifest.entries()).extracting(FileEntry::name).containsExactly("b", "a");
    assertThat(manifest.find("a")).map(FileEntry::version).contains("2");
    assertThat(manifest.find("c")).isEmpty();
    assertThatThrownBy(() -> Manifest.of(FileEntry.of("a", "1"), FileEntry.of("a", "2")))
        .isInstanceOfSatisfying(
            DuplicateFileException.class, e -> assertThat(e.name()).isEqualTo("a"));
  }

  @Test
  void manifestOfManyEntriesIsAMapLikeAnyOtherAndFindsEveryEntryByNameAndPosition() {
    List<FileEntry> entries = new ArrayList<>();
    Map<String, FileEntry> expected = new LinkedHashMap<>();
    // Names whose hashes collide ("Aa" and "BB" hash alike) exercise the probing.
    for (int i = 0; i < 5_000; i++) {
      FileEntry entry = FileEntry.of((i % 2 == 0 ? "Aa/" : "BB/") + i, "1." + i + ".0");
      entries.add(entry);
      expected.put(entry.name(), entry);
    }

    Manifest manifest = Manifest.of(entries);

    assertThat(manifest.files()).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(manifest.files().keySet()).containsExactlyElementsOf(expected.keySet());
    for (int i = 0; i < entries.size(); i++) {
      assertThat(manifest.indexOf(entries.get(i).name())).isEqualTo(i);
      assertThat(manifest.entryAt(i)).isEqualTo(entries.get(i));
    }
    assertThat(manifest.indexOf("Aa/1")).isEqualTo(-1);
    assertThat(manifest.files().get(null)).isNull();
    assertThat(new Manifest(expected)).isEqualTo(manifest);
  }

  @Test
  void manifestIsImmutable() {
    Manifest manifest = Manifest.of(FileEntry.of("a", "1"));

    assertThatThrownBy(() -> manifest.files().put("b", FileEntry.of("b", "1")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void catalogResolvesSchemesAndExpiry() {
    CatalogEntry own =
        new CatalogEntry("a", "1:1.0-1", DIGEST, 1, URI.create("a.bin"), "debian", null);
    CatalogEntry inherited = CatalogEntry.of("b", "1.0.0", DIGEST, 1, URI.create("b.bin"));
    Instant expires = Instant.parse("2026-12-01T00:00:00Z");
    Catalog catalog = Catalog.of(7, expires, null, List.of(own, inherited));

    assertThat(catalog.versionScheme()).isEqualTo("semver");
    assertThat(catalog.schemeOf(own)).isEqualTo("debian");
    assertThat(catalog.schemeOf(inherited)).isEqualTo("semver");
    assertThat(own.targeting()).isEqualTo(Targeting.ANY);
    assertThat(catalog.isExpiredAt(expires.minusSeconds(1))).isFalse();
    assertThat(catalog.isExpiredAt(expires)).isTrue();
    assertThatThrownBy(() -> Catalog.of(1, inherited, inherited))
        .isInstanceOf(DuplicateFileException.class);
  }

  @Test
  void catalogEntryRequiresDigestAndLocation() {
    assertThatThrownBy(() -> CatalogEntry.of("a", "1.0.0", null, 1, URI.create("a")))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("sha256");
    assertThatThrownBy(() -> CatalogEntry.of("a", "1.0.0", DIGEST, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("location");
  }

  @Test
  void targetingMatchesEveryRequiredAttribute() {
    Targeting targeting =
        new Targeting(Map.of("model", Set.of("STB-100"), "hardwareRevision", Set.of("B", "C")));

    assertThat(targeting.appliesTo(Map.of("model", "STB-100", "hardwareRevision", "C"))).isTrue();
    assertThat(targeting.appliesTo(Map.of("model", "STB-100", "hardwareRevision", "A"))).isFalse();
    assertThat(targeting.appliesTo(Map.of("model", "STB-100"))).isFalse();
    assertThat(Targeting.ANY.appliesTo(Map.of())).isTrue();
    assertThatThrownBy(() -> new Targeting(Map.of("model", Set.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientNeedsAnAbsoluteEndpointAndPrintableId() {
    assertThat(Client.of("stb-1", "tftp://10.0.0.9:69").endpoint().getScheme()).isEqualTo("tftp");
    assertThatThrownBy(() -> Client.of("stb-1", "10.0.0.9"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Client.of("stb\n1", "http://x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
