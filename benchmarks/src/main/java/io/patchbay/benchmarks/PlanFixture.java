package io.patchbay.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * few ({@link #missingFiles(int)}); of those it holds, {@link ChangeRate#olderFiles(int)} are in
 * an older version (lower major, minor or patch, or a pre-release of the same release), the rest
 * in exactly the catalog's version and digest. It also holds a few files the catalog does not
 * list. The client lists its files in a shuffled order, as a device walking its file system
 * would, so neither side of a benchmark gets the catalog's order for free.
 */
final class PlanFixture {

  /** The seed every benchmark uses, so every run plans the same data. */
  static final long SEED = 0x5EED_2026L;

  private final Client client;
  private final Manifest manifest;
  private final Catalog catalog;
  private final Map<Action, Integer> expectedActions;

  private PlanFixture(Client client, Manifest manifest, Catalog catalog, Map<Action, Integer> expectedActions) {
    this.client = client;
    this.manifest = manifest;
    this.catalog = catalog;
    this.expectedActions = Collections.unmodifiableMap(expectedActions);
  }

  /** Generates {@code size} catalog files and a client {@code changes} behind, from {@code seed}. */
  static PlanFixture generate(int size, ChangeRate changes, long seed) {
    if (size < 10) {
      throw new IllegalArgumentException("Fixture needs at least 10 files: " + size);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int missing = missingFiles(size);
    int older = changes.olderFiles(size);
    int extra = missingFiles(size);
    if (missing + older > size) {
      throw new IllegalArgumentException(size + " files cannot have " + older + " older and " + missing + " missing");
    }
    // The first `missing` indices of a shuffled order are missing on the client, the next `older` are older.
    int[] order = shuffledIndices(size, random);
    byte[] state = new byte[size];
    for (int i = 0; i < missing + older; i++) {
      state[order[i]] = i < missing ? MISSING : OLDER;
    }

    List<CatalogEntry> central = new ArrayList<>(size);
    List<FileEntry> held = new ArrayList<>(size - missing + extra);
    for (int i = 0; i < size; i++) {
      String name = "pkg/" + zeroPadded(i) + "/lib.so";
      Version version = Version.random(random);
      Sha256 digest = randomDigest(random);
      long bytes = 1024 + random.nextInt(64 << 20);
      central.add(CatalogEntry.of(name, version.toString(), digest, bytes, URI.create("artifacts/" + digest.hex())));
      switch (state[i]) {
        case MISSING -> { }
        case OLDER -> held.add(
            new FileEntry(name, version.older(random).toString(), randomDigest(random), 1024 + random.nextInt(64 << 20)));
        default -> held.add(new FileEntry(name, version.toString(), digest, bytes));
      }
    }
    for (int i = 0; i < extra; i++) {
      held.add(new FileEntry("local/" + zeroPadded(i) + "/settings.conf", "1.0.0", randomDigest(random), 512));
    }
    shuffle(held, random);

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

  /** How many catalog files the client lacks, and how many files only the client holds: 0.01%, at least one. */
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

  /** The client's current list as JSON. */
  byte[] manifestJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(manifest.size() * 160);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeArrayFieldStart("files");
      for (FileEntry entry : manifest.entries()) {
        json.writeStartObject();
        json.writeStringField("name", entry.name());
        json.writeStringField("version", entry.version());
        json.writeStringField("sha256", entry.sha256().hex());
        json.writeNumberField("size", entry.size());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The head end's central list as JSON. */
  byte[] catalogJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(catalog.files().size() * 240);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeNumberField("serial", catalog.serial());
      json.writeStringField("versionScheme", catalog.versionScheme());
      json.writeArrayFieldStart("files");
      for (CatalogEntry entry : catalog.entries()) {
        json.writeStartObject();
        json.writeStringField("name", entry.name());
        json.writeStringField("version", entry.version());
        json.writeStringField("sha256", entry.sha256().hex());
        json.writeNumberField("size", entry.size());
        json.writeStringField("location", entry.location().toString());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static final byte MISSING = 1;
  private static final byte OLDER = 2;
  private static final JsonFactory JSON = new JsonFactory();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

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
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
    return indices;
  }

  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  /** A SemVer 2.0.0 version {@code major.minor.patch[-pre.n]}. */
  private record Version(int major, int minor, int patch, String pre, int preNumber) {

    static Version random(SplittableRandom random) {
      boolean preRelease = random.nextInt(10) == 0;
      return new Version(
          1 + random.nextInt(20), random.nextInt(40), random.nextInt(200),
          preRelease ? "rc" : null, preRelease ? 1 + random.nextInt(5) : 0);
    }

    /** A version with lower precedence than this one, by a randomly chosen rule. */
    Version older(SplittableRandom random) {
      return switch (random.nextInt(4)) {
        case 0 -> patch > 0 ? new Version(major, minor, patch - 1, null, 0) : preReleaseBefore();
        case 1 -> minor > 0 ? new Version(major, minor - 1, random.nextInt(200), null, 0) : preReleaseBefore();
        case 2 -> major > 1 ? new Version(major - 1, random.nextInt(40), random.nextInt(200), null, 0) : preReleaseBefore();
        default -> preReleaseBefore();
      };
    }

    // SemVer 2.0.0 section 11: a pre-release precedes its release, and "beta" < "rc" in ASCII order.
    private Version preReleaseBefore() {
      return new Version(major, minor, patch, pre == null ? "rc" : "beta", pre == null ? 1 : preNumber);
    }

    @Override
    public String toString() {
      String release = major + "." + minor + "." + patch;
      return pre == null ? release : release + "-" + pre + "." + preNumber;
    }
  }
}
