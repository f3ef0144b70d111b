package io.patchbay.benchmarks;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.plan.Action;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One client's current list and the head end's catalog, generated from a seed, as records and as
 * JSON bytes, with the plan they must produce.
 *
 * <p>The catalog lists {@code size} files {@code pkg/0001234/lib.so} with SemVer versions (one in
 * ten a pre-release), a digest, a size and a location. The client holds every catalog file but a
 * few ({@link #missingFiles(int)}); of those it holds, {@link ChangeRate#olderFiles(int)} are in an
 * older version (lower major, minor or patch, or a pre-release of the same release), the rest in
 * exactly the catalog's version and digest. It also holds a few files the catalog does not list
 * ({@code local/0000001/settings.conf}), in the order {@link ClientOrder} says.
 *
 * <p>Records are made in document order with strings of their own, as a reader would make them: no
 * name is the same {@code String} instance in the catalog and the manifest, so no lookup is won by
 * an identity check.
 */
final class PlanFixture {

  /** The seed every benchmark uses, so every run plans the same data. */
  static final long SEED = 0x5EED_2026L;

  private static final byte MISSING = 1;
  private static final byte OLDER = 2;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Client client;
  private final Manifest manifest;
  private final Catalog catalog;
  private final Map<Action, Integer> expectedActions;

  private PlanFixture(
      Client client, Manifest manifest, Catalog catalog, Map<Action, Integer> expectedActions) {
    this.client = client;
    this.manifest = manifest;
    this.catalog = catalog;
    this.expectedActions = Collections.unmodifiableMap(expectedActions);
  }

  /**
   * Generates {@code size} catalog files and a client {@code changes} behind that lists its files
   * in {@code order}, from {@code seed}.
   */
  static PlanFixture generate(int size, ChangeRate changes, ClientOrder order, long seed) {
    if (size < 10) {
      throw new IllegalArgumentException("Fixture needs at least 10 files: " + size);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int missing = missingFiles(size);
    int older = changes.olderFiles(size);
    int extra = missingFiles(size);
    if (missing + older > size) {
      throw new IllegalArgumentException(
          size + " files cannot have " + older + " older and " + missing + " missing");
    }
    // The first `missing` indices of a shuffled order are missing on the client, the next `older`
    // are older.
    int[] chosen = shuffledIndices(size, random);
    byte[] state = new byte[size];
    for (int i = 0; i < missing + older; i++) {
      state[chosen[i]] = i < missing ? MISSING : OLDER;
    }

    List<CatalogEntry> central = new ArrayList<>(size);
    String[] heldVersion = new String[size];
    Sha256[] heldDigest = new Sha256[size];
    long[] heldSize = new long[size];
    for (int i = 0; i < size; i++) {
      Version version = Version.random(random);
      Sha256 digest = randomDigest(random);
      long bytes = 1024L + random.nextInt(64 << 20);
      central.add(
          CatalogEntry.of(
              catalogName(i),
              version.toString(),
              digest,
              bytes,
              URI.create("artifacts/" + digest.hex())));
      switch (state[i]) {
        case MISSING -> {}
        case OLDER -> {
          heldVersion[i] = version.older(random).toString();
          heldDigest[i] = randomDigest(random);
          heldSize[i] = 1024L + random.nextInt(64 << 20);
        }
        default -> {
          heldVersion[i] = version.toString();
          heldDigest[i] = digest;
          heldSize[i] = bytes;
        }
      }
    }

    // Indices at or past `size` are the client's own files. The entries are made in list order,
    // with strings of their own, as a reader of the client's document would make them.
    int[] listed = new int[size - missing + extra];
    int count = 0;
    for (int i = 0; i < size + extra; i++) {
      if (i >= size || state[i] != MISSING) {
        listed[count++] = i;
      }
    }
    if (order == ClientOrder.SHUFFLED) {
      shuffle(listed, random);
    }
    List<FileEntry> held = new ArrayList<>(listed.length);
    for (int i : listed) {
      held.add(
          i < size
              ? new FileEntry(catalogName(i), heldVersion[i], heldDigest[i], heldSize[i])
              : new FileEntry(
                  "local/" + zeroPadded(i - size) + "/settings.conf",
                  "1.0.0",
                  randomDigest(random),
                  512));
    }

    Map<Action, Integer> expected = new EnumMap<>(Action.class);
    expected.put(Action.UPDATE, older);
    expected.put(Action.INSTALL, missing);
    expected.put(Action.UP_TO_DATE, size - older - missing);
    expected.put(Action.NOT_IN_CATALOG, extra);
    return new PlanFixture(
        Client.of("stb-0001", "http://10.0.0.7:8080"),
        Manifest.of(held),
        Catalog.of(1, null, null, central),
        expected);
  }

  /**
   * How many catalog files the client lacks, and how many files only the client holds: 0.01%, at
   * least one.
   */
  static int missingFiles(int size) {
    return Math.max(1, size / 10_000);
  }

  /** The client whose list this is. */
  Client client() {
    return client;
  }

  /** The client's current list. */
  Manifest manifest() {
    return manifest;
  }

  /** The head end's central list. */
  Catalog catalog() {
    return catalog;
  }

  /** How many files each action a correct plan of this fixture has, under the default policy. */
  Map<Action, Integer> expectedActions() {
    return expectedActions;
  }

  /** How many files a correct plan transfers. */
  int expectedTransfers() {
    return expectedActions.get(Action.UPDATE) + expectedActions.get(Action.INSTALL);
  }

  /** The client's current list as JSON, as {@link ManifestJson} writes it. */
  byte[] manifestJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(manifest.size() * 160);
    try {
      ManifestJson.write(manifest, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The head end's central list as JSON, as {@link CatalogJson} writes it. */
  byte[] catalogJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(catalog.files().size() * 240);
    try {
      CatalogJson.write(catalog, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String zeroPadded(int i) {
    String digits = Integer.toString(i);
    return "0000000".substring(Math.min(7, digits.length())) + digits;
  }

  private static Sha256 randomDigest(SplittableRandom random) {
    char[] hex = new char[64];
    for (int i = 0; i < hex.length; i += 16) {
      long bits = random.nextLong();
      for (int j = 0; j < 16; j++) {
        hex[i + j] = HEX[(int) (bits >>> (4 * j)) & 0xf];
      }
    }
    return new Sha256(new String(hex));
  }

  private static int[] shuffledIndices(int size, SplittableRandom random) {
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      indices[i] = i;
    }
    shuffle(indices, random);
    return indices;
  }

  private static String catalogName(int i) {
    return "pkg/" + zeroPadded(i) + "/lib.so";
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /** A SemVer 2.0.0 version {@code major.minor.patch[-pre.n]}. */
  private record Version(int major, int minor, int patch, String pre, int preNumber) {

    static Version random(SplittableRandom random) {
      boolean preRelease = random.nextInt(10) == 0;
      return new Version(
          1 + random.nextInt(20),
          random.nextInt(40),
          random.nextInt(200),
          preRelease ? "rc" : null,
          preRelease ? 1 + random.nextInt(5) : 0);
    }

    /** A version with lower precedence than this one, by a randomly chosen rule. */
    Version older(SplittableRandom random) {
      return switch (random.nextInt(4)) {
        case 0 -> patch > 0 ? new Version(major, minor, patch - 1, null, 0) : preReleaseBefore();
        case 1 ->
            minor > 0
                ? new Version(major, minor - 1, random.nextInt(200), null, 0)
                : preReleaseBefore();
        case 2 ->
            major > 1
                ? new Version(major - 1, random.nextInt(40), random.nextInt(200), null, 0)
                : preReleaseBefore();
        default -> preReleaseBefore();
      };
    }

    // SemVer 2.0.0 section 11: a pre-release precedes its release, and "beta" < "rc" in ASCII
    // order.
    private Version preReleaseBefore() {
      return new Version(
          major, minor, patch, pre == null ? "rc" : "beta", pre == null ? 1 : preNumber);
    }

    @Override
    public String toString() {
      String release = major + "." + minor + "." + patch;
      return pre == null ? release : release + "-" + pre + "." + preNumber;
    }
  }
}
