package io.patchbay.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.internal.version.SemVerKey;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.model.Targeting;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameIndexTest {

  private static final Sha256 DIGEST = Sha256.parse("ab".repeat(32));

  private static NameIndex<FileEntry> index(List<FileEntry> entries) {
    return NameIndex.of(Manifest.of(entries).files());
  }

  /** Hashes names as {@code String.hashCode} does, so that the collision paths can be tested. */
  private static final NameHash STRING_HASH = String::hashCode;

  /** An index whose names' hashes collide as their {@code String.hashCode}s do. */
  private static NameIndex<FileEntry> indexHashedAsStrings(List<FileEntry> entries) {
    return index(entries).hashedWith(STRING_HASH);
  }

  private static FileEntry entry(String name) {
    return new FileEntry(name, "1.0.0", DIGEST, 1);
  }

  /** The positions a hash map finds, to hold the join to. */
  private static int[] expectedPositions(List<FileEntry> into, List<FileEntry> from) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < into.size(); i++) {
      positions.put(into.get(i).name(), i);
    }
    return from.stream().mapToInt(e -> positions.getOrDefault(e.name(), -1)).toArray();
  }

  /**
   * Names whose hashes collide: "Aa" and "BB" hash alike in {@code String.hashCode}, so every name
   * of the same length made of them has the same hash.
   */
  private static List<FileEntry> collidingEntries(int count) {
    List<FileEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder name = new StringBuilder("lib/");
      for (int bit = 0; bit < 10; bit++) {
        name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
      }
      entries.add(entry(name.toString()));
    }
    return entries;
  }

  @Test
  void anEntryReadSharedIsMadeOnceAndKeptWhileOtherReadsMakeItAnew() {
    Targeting stb = new Targeting(Map.of("model", Set.of("STB-100")));
    CatalogEntry targeted =
        new CatalogEntry("b.bin", "1.0.0", DIGEST, 2, URI.create("b.bin"), null, stb);
    NameIndex<CatalogEntry> index =
        NameIndex.of(
            Catalog.of(
                    1, CatalogEntry.of("a.bin", "1.0.0", DIGEST, 1, URI.create("a.bin")), targeted)
                .files());

    CatalogEntry shared = index.sharedAt(0);

    assertThat(index.sharedAt(0)).isSameAs(shared).isEqualTo(index.at(0));
    assertThat(index.at(0)).isNotSameAs(shared);
    assertThat(index.sharedAt(1)).isSameAs(targeted);
    assertThatThrownBy(() -> index.sharedAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void joinFindsEveryNameInAnyOrderAndMinusOneForNamesItLacks() {
    List<FileEntry> held = new ArrayList<>();
    List<FileEntry> central = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      central.add(entry("pkg/" + i + "/lib.so"));
      if (i % 11 != 0) {
        held.add(entry("pkg/" + i + "/lib.so"));
      }
      if (i % 500 == 0) {
        held.add(entry("local/" + i + ".conf"));
      }
    }
    List<FileEntry> shuffled = new ArrayList<>(held);
    Collections.shuffle(shuffled, new Random(16));
    List<FileEntry> reversed = new ArrayList<>(held);
    Collections.reverse(reversed);

    for (List<FileEntry> order : List.of(held, shuffled, reversed)) {
      assertThat(index(order).positionsOf(index(central)))
          .containsExactly(expectedPositions(order, central));
    }
  }

  @Test
  void joinTellsOfEveryBatchOnceInOrderWithItsPositionsAlreadyFound() {
    List<FileEntry> central = new ArrayList<>();
    for (int i = 0; i < 3 * NameIndex.BATCH + 5; i++) {
      central.add(entry("pkg/" + i + "/lib.so"));
    }
    List<FileEntry> held = new ArrayList<>(central.subList(1, central.size()));
    Collections.shuffle(held, new Random(16));
    int[] expected = expectedPositions(held, central);
    List<int[]> told = new ArrayList<>();
    NameIndex.Batches check =
        (found, from, to) -> {
          told.add(new int[] {from, to});
          for (int i = from; i < to; i++) {
            assertThat(found[i]).as("position %d when its batch is told", i).isEqualTo(expected[i]);
          }
        };

    int[] positions = index(held).positionsOf(index(central), check);

    assertThat(positions).containsExactly(expected);
    int batch = NameIndex.BATCH;
    assertThat(told)
        .containsExactly(
            new int[] {0, batch},
            new int[] {batch, 2 * batch},
            new int[] {2 * batch, 3 * batch},
            new int[] {3 * batch, 3 * batch + 5});
  }

  @Test
  void findsAndComparesNamesAndVersionsFarLongerThanTheSpaceFirstSetAsideForThem() {
    List<FileEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(FileEntry.of("dir/".repeat(40 + i) + i + ".bin", "1.0." + "9".repeat(30 + i)));
    }
    NameIndex<FileEntry> index = index(entries);
    List<FileEntry> reversed = new ArrayList<>(entries);
    Collections.reverse(reversed);

    for (int i = 0; i < entries.size(); i++) {
      assertThat(index.indexOf(entries.get(i).name())).isEqualTo(i);
      assertThat(index.versions().get(i)).isEqualTo(entries.get(i).version());
    }
    assertThat(index(reversed).positionsOf(index)).containsExactly(4, 3, 2, 1, 0);
    assertThat(index.sameVersion(2, index(reversed), 2)).isTrue();
    assertThat(index.sameVersion(1, index(reversed), 1)).isFalse();
  }

  @Test
  void keepsTheVersionsEndToEndForAPlanToReadAfterTheListIsGone() {
    NameIndex<FileEntry> index =
        index(
            List.of(
                FileEntry.of("a", "1.2.3"), FileEntry.of("b", "1:2.0-1"), FileEntry.of("c", "2é")));

    FlatStrings versions = index.versions();

    assertThat(List.of(versions.get(0), versions.get(1), versions.get(2)))
        .containsExactly("1.2.3", "1:2.0-1", "2é");
  }

  @Test
  void joinChecksNamesWhoseHashesCollide() {
    List<FileEntry> colliding = collidingEntries(1024);
    assertThat(colliding)
        .extracting(e -> e.name().hashCode())
        .containsOnly(colliding.get(0).name().hashCode());
    List<FileEntry> shuffled = new ArrayList<>(colliding.subList(0, 700));
    Collections.shuffle(shuffled, new Random(3));

    int[] positions = indexHashedAsStrings(shuffled).positionsOf(indexHashedAsStrings(colliding));

    assertThat(positions).containsExactly(expectedPositions(shuffled, colliding));
  }

  @Test
  void joinInStepDoesNotTakeTheNextEntryForANameOfTheSameHash() {
    // Lists in the same order, but where the next entry is tried first it is another name with
    // the same hash.
    List<FileEntry> colliding = collidingEntries(4);
    List<FileEntry> held = List.of(colliding.get(0), colliding.get(2), colliding.get(1));
    List<FileEntry> central = List.of(colliding.get(0), colliding.get(1), colliding.get(2));

    assertThat(indexHashedAsStrings(held).positionsOf(indexHashedAsStrings(central)))
        .containsExactly(0, 2, 1);
  }

  @Test
  void findsByNameWithCollisionsAndNotOtherwise() {
    List<FileEntry> colliding = collidingEntries(300);
    NameIndex<FileEntry> index = indexHashedAsStrings(colliding);

    for (int i = 0; i < colliding.size(); i++) {
      assertThat(index.indexOf(colliding.get(i).name())).isEqualTo(i);
      assertThat(index.at(i)).isEqualTo(colliding.get(i));
    }
    assertThat(index.indexOf("lib/" + "Aa".repeat(11))).isEqualTo(-1);
    assertThat(index.indexOf(42)).isEqualTo(-1);
  }

  @Test
  void namesThatShareAStringHashCodeGetDifferentKeyedHashes() {
    // A hostile list of names of one String.hashCode would make every insertion probe every name
    // before it: quadratic. Under the keyed hash they are as spread as any names.
    List<FileEntry> colliding = collidingEntries(1024);

    assertThat(colliding.stream().map(e -> NameHash.KEYED.of(e.name())).distinct().count())
        .isGreaterThan(1000);
    assertThat(index(colliding).indexOf(colliding.get(700).name())).isEqualTo(700);
  }

  @Test
  void aManifestTakesAnIndexAsItIsOnlyIfItIsOfTheManifestsOwnShape() {
    Manifest manifest = Manifest.of(entry("a"), entry("b"));
    // The manifest's own shape, but keeping every entry as its object.
    NameIndex.Shape<FileEntry> own = NameIndex.of(manifest.files()).shape();
    @SuppressWarnings("unchecked") // a proxy of Shape, for entries of the manifest's type
    NameIndex.Shape<FileEntry> keepsEverything =
        (NameIndex.Shape<FileEntry>)
            Proxy.newProxyInstance(
                NameIndex.Shape.class.getClassLoader(),
                new Class<?>[] {NameIndex.Shape.class},
                (proxy, method, args) ->
                    method.getName().equals("plain") ? false : method.invoke(own, args));
    NameIndex<FileEntry> foreign = NameIndex.of(manifest.entries(), keepsEverything);

    assertThat(NameIndex.of(new Manifest(manifest.files()).files())).isSameAs(manifest.files());
    NameIndex<FileEntry> copied = NameIndex.of(new Manifest(foreign).files());
    assertThat(copied).isNotSameAs(foreign).isEqualTo(manifest.files());
    assertThat(copied.isPlainAt(0)).isTrue();
  }

  @Test
  void joinsOnlyIndexesThatHashAlike() {
    List<FileEntry> entries = List.of(entry("a"));

    assertThatThrownBy(() -> index(entries).positionsOf(indexHashedAsStrings(entries)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsEachVersionItsSemVerKeyAndWhetherItHasADigest() {
    NameIndex<FileEntry> index =
        index(
            List.of(
                new FileEntry("a", "1.2.3", DIGEST, 1),
                FileEntry.of("b", "1:2.0-1"),
                new FileEntry("c", "1.2.3-rc.1", DIGEST, 1)));

    assertThat(index.versionAt(1)).isEqualTo("1:2.0-1");
    assertThat(index.semVerKeyAt(0)).isEqualTo(SemVerKey.of("1.2.3"));
    assertThat(index.semVerKeyAt(1)).isEqualTo(SemVerKey.NONE);
    assertThat(index.semVerKeyAt(2)).isEqualTo(SemVerKey.of("1.2.3-rc.1"));
    assertThat(index.hasDigestAt(0)).isTrue();
    assertThat(index.hasDigestAt(1)).isFalse();
  }

  @Test
  void comparesDigestsByAllTheirBytes() {
    String base = "0123456789abcdef".repeat(4);
    // Differs from base only in the last hexadecimal digit, past the first three longs.
    String lastDigit = base.substring(0, 63) + "e";
    NameIndex<FileEntry> one =
        index(
            List.of(
                new FileEntry("a", "1.0.0", new Sha256(base), 1),
                new FileEntry("b", "1.0.0", new Sha256(lastDigit), 1)));
    NameIndex<FileEntry> other = index(List.of(new FileEntry("a", "1.0.0", new Sha256(base), 1)));

    assertThat(one.sameDigest(0, other, 0)).isTrue();
    assertThat(one.sameDigest(1, other, 0)).isFalse();
  }

  @Test
  void marksCatalogEntriesWithTargetingOrASchemeOfTheirOwnAsNotPlain() {
    URI location = URI.create("artifacts/a");
    Targeting stb100 = new Targeting(Map.of("model", Set.of("STB-100")));
    NameIndex<CatalogEntry> index =
        NameIndex.of(
            Catalog.of(
                    1,
                    new CatalogEntry("plain", "1.0.0", DIGEST, 1, location, null, Targeting.ANY),
                    new CatalogEntry("targeted", "1.0.0", DIGEST, 1, location, null, stb100),
                    new CatalogEntry(
                        "own", "1:1.0-1", DIGEST, 1, location, "debian", Targeting.ANY))
                .files());

    assertThat(index.isPlainAt(0)).isTrue();
    assertThat(index.isPlainAt(1)).isFalse();
    assertThat(index.isPlainAt(2)).isFalse();
    assertThat(index.nameAt(1)).isEqualTo("targeted");
  }

  @Test
  void rejectsADuplicateNameWithItsPosition() {
    assertThatThrownBy(() -> index(List.of(entry("a"), entry("b"), entry("a"))))
        .isInstanceOfSatisfying(
            DuplicateFileException.class, e -> assertThat(e.index()).isEqualTo(2));
  }

  @Test
  void onlyTheMapOfAManifestOrCatalogIsAnIndex() {
    assertThatThrownBy(() -> NameIndex.of(Map.of("a", entry("a"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NameIndex.of(Manifest.empty().files()).positionsOf(index(List.of(entry("a")))))
        .containsExactly(-1);
  }
}
