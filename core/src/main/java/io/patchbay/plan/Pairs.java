package io.patchbay.plan;

import io.patchbay.internal.model.NameIndex;
import io.patchbay.internal.version.SemVerKey;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.FileEntry;
import io.patchbay.version.VersionComparator;

/**
 * The catalog and the client's list joined by name: for each catalog entry, by its position, the
 * client's entry of the same name, whose version and digest are compared in the indexes' columns
 * rather than in the entries' objects.
 */
final class Pairs {

  /** What {@link #orderByKeys} answers when the keys cannot tell. */
  static final int UNKNOWN = Integer.MIN_VALUE;

  final NameIndex<CatalogEntry> central;
  final NameIndex<FileEntry> held;

  /** For each catalog entry, the position of the client's entry of the same name, or -1. */
  private final int[] positions;

  /**
   * For each catalog entry the client holds, what the columns tell of the two entries: the order of
   * the versions by their keys where the keys tell it ({@link #KEY_ORDER} bits), whether they are
   * the same string, and whether the digests differ.
   */
  private final byte[] relations;

  private static final int KEY_ORDER = 3;
  private static final int OLDER = 1;
  private static final int SAME_RELEASE = 2;
  private static final int NEWER = 3;
  private static final int DRIFT = 4;

  /** The two versions are the same string. */
  private static final int SAME_STRING = 8;

  Pairs(NameIndex<CatalogEntry> central, NameIndex<FileEntry> held) {
    this.central = central;
    this.held = held;
    this.relations = new byte[central.size()];
    long[] currentKeys = new long[NameIndex.BATCH];
    this.positions =
        held.positionsOf(central, (found, from, to) -> relate(found, from, to, currentKeys));
  }

  /**
   * Compares the keys and digests of the pairs of catalog entries {@code from} to {@code to - 1},
   * whose client positions are in {@code found}, as soon as they are found: the client's columns of
   * the batch, in a shuffled list a cache miss each, are then still in the cache from the lookup.
   * Each loop reads one column for the whole batch, so that its misses overlap instead of waiting
   * behind one another's arithmetic; the decisions afterwards read only the catalog's entries, in
   * order.
   */
  private void relate(int[] found, int from, int to, long[] currentKeys) {
    for (int entry = from; entry < to; entry++) {
      int installed = found[entry];
      currentKeys[entry - from] = installed < 0 ? SemVerKey.NONE : held.semVerKeyAt(installed);
    }
    for (int entry = from; entry < to; entry++) {
      int installed = found[entry];
      if (installed >= 0
          && held.hasDigestAt(installed)
          && !held.sameDigest(installed, central, entry)) {
        relations[entry] = DRIFT;
      }
    }
    for (int entry = from; entry < to; entry++) {
      int installed = found[entry];
      if (installed >= 0) {
        relations[entry] |= (byte) order(currentKeys[entry - from], entry, installed);
      }
    }
  }

  /**
   * The {@link #KEY_ORDER} bits and {@link #SAME_STRING} of the catalog entry at {@code entry} and
   * the client's at {@code installed}, whose key is {@code current}.
   */
  private int order(long current, int entry, int installed) {
    long latest = central.semVerKeyAt(entry);
    int order = 0;
    if (current != SemVerKey.NONE
        && latest != SemVerKey.NONE
        && (current != latest || SemVerKey.isRelease(current))) {
      order = current < latest ? OLDER : current == latest ? SAME_RELEASE : NEWER;
    }
    // Equal release keys are equal strings; other keys that differ are other strings.
    boolean sameString =
        order == SAME_RELEASE || (order == 0 && held.sameVersion(installed, central, entry));
    return order | (sameString ? SAME_STRING : 0);
  }

  /**
   * For each catalog entry, the position of the client's entry of the same name, or -1: what a plan
   * keeps, with the client's {@link NameIndex#versions()}, to tell each file's current version.
   */
  int[] positions() {
    return positions;
  }

  boolean clientHolds(int entry) {
    return positions[entry] >= 0;
  }

  /** The client's version of the catalog entry at {@code entry}, or {@code null} if it lacks it. */
  String currentVersion(int entry) {
    int installed = positions[entry];
    return installed < 0 ? null : held.versionAt(installed);
  }

  /**
   * The order of the two versions of a file the client holds when their {@link SemVerKey}s tell it,
   * else {@link #UNKNOWN}: they tell it when the scheme is the built-in SemVer, both versions have
   * a key, and the keys differ or are a release's (equal release keys are equal strings).
   */
  int orderByKeys(int entry, VersionComparator comparator) {
    if (comparator != VersionComparator.semver()) {
      return UNKNOWN;
    }
    return switch (relations[entry] & KEY_ORDER) {
      case OLDER -> -1;
      case SAME_RELEASE -> 0;
      case NEWER -> 1;
      default -> UNKNOWN;
    };
  }

  /**
   * Tells whether the client holds the catalog entry at {@code entry} in the catalog's version,
   * character for character.
   */
  boolean sameVersionString(int entry) {
    return (relations[entry] & SAME_STRING) != 0;
  }

  /** Tells whether the client reported a digest for a file it holds and it is not the catalog's. */
  boolean drifted(int entry) {
    return (relations[entry] & DRIFT) != 0;
  }

  /** The client's entries that no catalog entry names, in the client's order. */
  FileEntry[] unmatched() {
    boolean[] matched = new boolean[held.size()];
    int count = held.size();
    for (int installed : positions) {
      if (installed >= 0) {
        matched[installed] = true;
        count--;
      }
    }
    FileEntry[] unmatched = new FileEntry[count];
    for (int i = 0, next = 0; next < count; i++) {
      if (!matched[i]) {
        unmatched[next++] = held.at(i);
      }
    }
    return unmatched;
  }
}
