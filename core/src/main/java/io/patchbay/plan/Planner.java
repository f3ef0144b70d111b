package io.patchbay.plan;

import io.patchbay.internal.model.NameIndex;
import io.patchbay.internal.version.SemVerKey;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Targeting;
import io.patchbay.version.InvalidVersionException;
import io.patchbay.version.VersionComparator;
import io.patchbay.version.VersionSchemes;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what to do for every file of one client: a pure function of the client's current list,
 * the head end's catalog, the version schemes and the policy. No I/O, no clock, no shared state;
 * safe to call from any thread.
 *
 * <p>O(n + m), in the columns of the indexes that manifests and catalogs build when they are read:
 * the two lists are joined by name hash in one pass (front to back when they share an order, in
 * batches of independent lookups otherwise), then one pass over the catalog decides, then the
 * client's unmatched files follow. SemVer versions are compared by the keys computed when they were
 * read ({@link SemVerKey}), other versions by their scheme's comparator, and identical version
 * strings are equal without being parsed, which keeps the common "nothing changed" case cheap.
 * Allocates the plan and, per plan, a few arrays of a bit or an int per file.
 */
public final class Planner {

  private static final String SAME_VERSION = "client has the catalog's version";
  private static final String SAME_PRECEDENCE = "versions differ only where precedence ignores it";
  private static final String NEWER = "catalog's version is newer";
  private static final String MISSING = "client lacks the file";
  private static final String MISSING_NOT_WANTED =
      "client lacks the file; policy does not install missing files";
  private static final String DRIFTED =
      "client's digest is not the catalog's for the same version; policy repairs drift";
  private static final String DRIFT_REPORTED =
      "client's digest is not the catalog's for the same version; policy only reports drift";
  private static final String ANOMALY =
      "client's version is newer than any the catalog published; policy forbids downgrades";
  private static final String DOWNGRADE = "client's version is newer; policy allows downgrades";
  private static final String HELD = "held by policy";
  private static final String NOT_TARGETED = "catalog entry does not target this client";
  private static final String NOT_IN_CATALOG = "catalog does not list the file";

  private Planner() {}

  /**
   * Plans the update of {@code client}.
   *
   * <p>Where the client reported a file's digest and its version is the catalog's, character for
   * character, a digest other than the catalog's is drift ({@link Action#DRIFTED} or {@link
   * Action#DRIFT_REPORTED}, as the policy says); without a reported digest the file is {@link
   * Action#UP_TO_DATE}. A client version newer than the catalog's is {@link Action#ANOMALY} unless
   * the policy allows downgrades.
   *
   * <p>A version that is invalid in its scheme makes that file {@link Action#INVALID_VERSION} (with
   * the error in the reason) and does not affect the other files.
   *
   * @throws io.patchbay.version.UnknownVersionSchemeException if the catalog names a scheme that
   *     {@code schemes} lacks
   */
  public static UpdatePlan plan(
      Client client,
      Manifest current,
      Catalog catalog,
      VersionSchemes schemes,
      UpdatePolicy policy) {
    Comparators comparators = new Comparators(catalog, schemes);
    NameIndex<CatalogEntry> central = NameIndex.of(catalog.files());
    NameIndex<FileEntry> held = NameIndex.of(current.files());
    // The join first, for every file at once: at a million files it is most of the cost, and
    // apart from the decisions it can look up many names at a time.
    Pairs pairs = new Pairs(central, held);
    BitSet unmet = pairs.unmet();
    PlannedFile[] files = new PlannedFile[central.size() + unmet.cardinality()];
    for (int i = 0; i < central.size(); i++) {
      CatalogEntry entry = central.at(i);
      files[i] = decide(client, pairs, i, entry, comparators.of(entry), policy);
    }
    int next = central.size();
    for (int i = unmet.nextSetBit(0); i >= 0; i = unmet.nextSetBit(i + 1)) {
      files[next++] =
          new PlannedFile(
              held.at(i).name(),
              Action.NOT_IN_CATALOG,
              held.versionAt(i),
              null,
              null,
              NOT_IN_CATALOG);
    }
    // One copy into an immutable list, which the plan keeps as it is.
    return new UpdatePlan(client.id(), List.of(files));
  }

  /**
   * The comparator of each entry's scheme, looked up once per scheme. Nearly every entry uses the
   * catalog's scheme, so the last one found is checked first, by identity.
   */
  private static final class Comparators {
    private final Catalog catalog;
    private final VersionSchemes schemes;
    private final Map<String, VersionComparator> found = new HashMap<>(4);
    private String lastScheme;
    private VersionComparator lastComparator;

    Comparators(Catalog catalog, VersionSchemes schemes) {
      this.catalog = catalog;
      this.schemes = schemes;
    }

    VersionComparator of(CatalogEntry entry) {
      String scheme = catalog.schemeOf(entry);
      // Identity, not equality: a cheap check that the scheme is the last one looked up.
      @SuppressWarnings("ReferenceEquality")
      boolean another = scheme != lastScheme;
      if (another) {
        lastComparator = found.computeIfAbsent(scheme, schemes::get);
        lastScheme = scheme;
      }
      return lastComparator;
    }
  }

  /**
   * The catalog and the client's list joined by name: for each catalog entry, by its position, the
   * client's entry of the same name, whose version and digest are compared in the indexes' columns
   * rather than in the entries' objects.
   */
  private static final class Pairs {
    /** What {@link #orderByKeys} answers when the keys cannot tell. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    private final NameIndex<CatalogEntry> central;
    private final NameIndex<FileEntry> held;
    private final int[] positions;

    Pairs(NameIndex<CatalogEntry> central, NameIndex<FileEntry> held) {
      this.central = central;
      this.held = held;
      this.positions = held.positionsOf(central);
    }

    boolean clientHolds(int entry) {
      return positions[entry] >= 0;
    }

    String currentVersion(int entry) {
      int installed = positions[entry];
      return installed < 0 ? null : held.versionAt(installed);
    }

    /**
     * The order of the two versions when their {@link SemVerKey}s tell it, else {@link #UNKNOWN}:
     * they tell it when the scheme is the built-in SemVer, both versions have a key, and the keys
     * differ or are a release's (equal release keys are equal strings).
     */
    int orderByKeys(int entry, VersionComparator comparator) {
      if (comparator != VersionComparator.semver()) {
        return UNKNOWN;
      }
      long current = held.semVerKeyAt(positions[entry]);
      long latest = central.semVerKeyAt(entry);
      if (current == SemVerKey.NONE
          || latest == SemVerKey.NONE
          || (current == latest && !SemVerKey.isRelease(current))) {
        return UNKNOWN;
      }
      return Long.compare(current, latest);
    }

    /** Tells whether the client reported a digest and it is not the catalog's. */
    boolean drifted(int entry) {
      int installed = positions[entry];
      return held.hasDigestAt(installed) && !held.sameDigest(installed, central, entry);
    }

    /** The client's entries that no catalog entry named, in the client's order. */
    BitSet unmet() {
      BitSet unmet = new BitSet(held.size());
      unmet.set(0, held.size());
      for (int installed : positions) {
        if (installed >= 0) {
          unmet.clear(installed);
        }
      }
      return unmet;
    }
  }

  private static PlannedFile decide(
      Client client,
      Pairs pairs,
      int position,
      CatalogEntry entry,
      VersionComparator comparator,
      UpdatePolicy policy) {
    String currentVersion = pairs.currentVersion(position);
    if (policy.held().contains(entry.name())) {
      return planned(entry, Action.HELD, currentVersion, HELD);
    }
    Targeting targeting = entry.targeting();
    if (!targeting.isAny() && !targeting.appliesTo(client.attributes())) {
      return planned(entry, Action.NOT_TARGETED, currentVersion, NOT_TARGETED);
    }
    if (!pairs.clientHolds(position)) {
      return policy.installMissing()
          ? planned(entry, Action.INSTALL, null, MISSING)
          : planned(entry, Action.NOT_INSTALLED, null, MISSING_NOT_WANTED);
    }
    int byKeys = pairs.orderByKeys(position, comparator);
    boolean sameString =
        byKeys == Pairs.UNKNOWN ? currentVersion.equals(entry.version()) : byKeys == 0;
    if (sameString) {
      if (pairs.drifted(position)) {
        return policy.repairDrift()
            ? planned(entry, Action.DRIFTED, currentVersion, DRIFTED)
            : planned(entry, Action.DRIFT_REPORTED, currentVersion, DRIFT_REPORTED);
      }
      return planned(entry, Action.UP_TO_DATE, currentVersion, SAME_VERSION);
    }
    int order;
    if (byKeys != Pairs.UNKNOWN) {
      order = byKeys;
    } else {
      try {
        order = comparator.compare(currentVersion, entry.version());
      } catch (InvalidVersionException e) {
        return planned(
            entry, Action.INVALID_VERSION, currentVersion, e.forFile(entry.name()).getMessage());
      }
    }
    if (order < 0) {
      return planned(entry, Action.UPDATE, currentVersion, NEWER);
    }
    if (order == 0) {
      return planned(entry, Action.UP_TO_DATE, currentVersion, SAME_PRECEDENCE);
    }
    return policy.allowDowngrade()
        ? planned(entry, Action.DOWNGRADE, currentVersion, DOWNGRADE)
        : planned(entry, Action.ANOMALY, currentVersion, ANOMALY);
  }

  private static PlannedFile planned(
      CatalogEntry entry, Action action, String currentVersion, String reason) {
    return new PlannedFile(entry.name(), action, currentVersion, entry.version(), entry, reason);
  }
}
