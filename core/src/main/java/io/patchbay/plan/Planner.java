package io.patchbay.plan;

import io.patchbay.internal.model.NameIndex;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.model.Targeting;
import io.patchbay.version.InvalidVersionException;
import io.patchbay.version.VersionComparator;
import io.patchbay.version.VersionSchemes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides what to do for every file of one client: a pure function of the client's current list,
 * the head end's catalog, the version schemes and the policy. No I/O, no clock, no shared state;
 * safe to call from any thread.
 *
 * <p>O(n + m), in the columns of the indexes that manifests and catalogs build when they are read:
 * the two lists are joined by name hash in one pass (front to back when they share an order, in
 * batches of independent lookups otherwise), then one pass over the catalog decides, then the
 * client's unmatched files follow. SemVer versions are compared by the keys computed when they were
 * read ({@link io.patchbay.internal.version.SemVerKey}), other versions by their scheme's
 * comparator, and identical version strings are equal without being parsed, which keeps the common
 * "nothing changed" case cheap. The plan keeps a byte and the client's version per file, beside the
 * catalog's index ({@link PlannedFiles}); a {@link PlannedFile} is made when it is read.
 */
public final class Planner {

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
    Comparators comparators = new Comparators(schemes);
    // The join first, for every file at once: at a million files it is most of the cost, and
    // apart from the decisions it can look up many names at a time.
    Pairs pairs = new Pairs(NameIndex.of(catalog.files()), NameIndex.of(current.files()));
    byte[] verdicts = new byte[pairs.central.size()];
    Map<Integer, String> errors = new HashMap<>();
    NameIndex<CatalogEntry> central = pairs.central;
    for (int i = 0; i < verdicts.length; i++) {
      // A plain entry's object is not read: its name, version and digest are in the columns.
      VersionComparator comparator =
          central.isPlainAt(i)
              ? comparators.of(catalog.versionScheme())
              : comparators.of(catalog.schemeOf(central.at(i)));
      verdicts[i] = decide(client, pairs, i, comparator, policy, errors).code();
    }
    return new UpdatePlan(
        client.id(),
        new PlannedFiles(
            pairs.central,
            verdicts,
            pairs.positions(),
            pairs.held.versions(),
            pairs.unmatched(),
            Map.copyOf(errors)));
  }

  /**
   * The comparator of each scheme, looked up once per scheme. Nearly every entry uses the catalog's
   * scheme, so the last one found is checked first, by identity.
   */
  private static final class Comparators {
    private final VersionSchemes schemes;
    private final Map<String, VersionComparator> found = new HashMap<>(4);
    private String lastScheme;
    private VersionComparator lastComparator;

    Comparators(VersionSchemes schemes) {
      this.schemes = schemes;
    }

    VersionComparator of(String scheme) {
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
   * Decides for the catalog entry at {@code position}; the reason of an {@link
   * Verdict#INVALID_VERSION} goes into {@code errors}.
   */
  private static Verdict decide(
      Client client,
      Pairs pairs,
      int position,
      VersionComparator comparator,
      UpdatePolicy policy,
      Map<Integer, String> errors) {
    NameIndex<CatalogEntry> central = pairs.central;
    Set<String> held = policy.held();
    if (!held.isEmpty() && held.contains(central.nameAt(position))) {
      return Verdict.HELD;
    }
    if (!central.isPlainAt(position)) {
      Targeting targeting = central.at(position).targeting();
      if (!targeting.isAny() && !targeting.appliesTo(client.attributes())) {
        return Verdict.NOT_TARGETED;
      }
    }
    if (!pairs.clientHolds(position)) {
      return policy.installMissing() ? Verdict.MISSING : Verdict.MISSING_NOT_WANTED;
    }
    if (pairs.sameVersionString(position)) {
      if (pairs.drifted(position)) {
        return policy.repairDrift() ? Verdict.DRIFTED : Verdict.DRIFT_REPORTED;
      }
      return Verdict.SAME_VERSION;
    }
    int byKeys = pairs.orderByKeys(position, comparator);
    int order;
    if (byKeys != Pairs.UNKNOWN) {
      order = byKeys;
    } else {
      try {
        order = comparator.compare(pairs.currentVersion(position), central.versionAt(position));
      } catch (InvalidVersionException e) {
        errors.put(position, e.forFile(central.nameAt(position)).getMessage());
        return Verdict.INVALID_VERSION;
      }
    }
    if (order < 0) {
      return Verdict.NEWER;
    }
    if (order == 0) {
      return Verdict.SAME_PRECEDENCE;
    }
    return policy.allowDowngrade() ? Verdict.DOWNGRADE : Verdict.ANOMALY;
  }
}
