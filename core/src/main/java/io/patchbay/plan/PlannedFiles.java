package io.patchbay.plan;

import io.patchbay.internal.model.FlatStrings;
import io.patchbay.internal.model.NameIndex;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.FileEntry;
import java.util.AbstractList;
import java.util.EnumMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The immutable list of a plan's files, kept as one byte per file (its {@link Verdict}) and the
 * position of the client's entry of each, beside the catalog's index and the client's versions laid
 * end to end, so that a plan of a million files is a few arrays and not a million objects, and
 * holds nothing of the client's list but its versions and the files the catalog lacks; each {@link
 * PlannedFile} is made when it is asked for, from what the planner decided, with the catalog's
 * entry that every plan of the catalog shares ({@link NameIndex#sharedAt}, which keeps it).
 *
 * <p>Catalog files come first, in catalog order, then the files only the client holds. Thread-safe:
 * nothing changes after construction.
 */
final class PlannedFiles extends AbstractList<PlannedFile> implements RandomAccess {

  private final NameIndex<CatalogEntry> central;
  private final byte[] verdicts;

  /** For each catalog file, the position of the client's version in {@link #currentVersions}. */
  private final int[] installed;

  private final FlatStrings currentVersions;
  private final FileEntry[] unmatched;

  /** The reasons of the {@link Verdict#INVALID_VERSION} files, by position; often empty. */
  private final Map<Integer, String> errors;

  PlannedFiles(
      NameIndex<CatalogEntry> central,
      byte[] verdicts,
      int[] installed,
      FlatStrings currentVersions,
      FileEntry[] unmatched,
      Map<Integer, String> errors) {
    this.central = central;
    this.verdicts = verdicts;
    this.installed = installed;
    this.currentVersions = currentVersions;
    this.unmatched = unmatched;
    this.errors = errors;
  }

  @Override
  public PlannedFile get(int index) {
    int catalogFiles = verdicts.length;
    if (index >= catalogFiles) {
      FileEntry installed = unmatched[index - catalogFiles];
      Verdict verdict = Verdict.NOT_IN_CATALOG;
      return new PlannedFile(
          installed.name(), verdict.action, installed.version(), null, null, verdict.reason);
    }
    // Shared: every client's plan of the catalog holds the same entry, and its report the same
    // name and version strings, rather than a copy per client.
    CatalogEntry entry = central.sharedAt(index);
    Verdict verdict = Verdict.of(verdicts[index]);
    return new PlannedFile(
        entry.name(),
        verdict.action,
        currentVersion(index, entry),
        entry.version(),
        entry,
        verdict == Verdict.INVALID_VERSION ? errors.get(index) : verdict.reason);
  }

  /**
   * The client's version of catalog file {@code index}, or {@code null}: the catalog entry's own
   * string where they are equal, as for every file that is up to date, rather than a copy that
   * every client's report would keep.
   */
  private String currentVersion(int index, CatalogEntry entry) {
    int at = installed[index];
    if (at < 0) {
      return null;
    }
    return central.versions().equal(index, currentVersions, at)
        ? entry.version()
        : currentVersions.get(at);
  }

  @Override
  public int size() {
    return verdicts.length + unmatched.length;
  }

  /** How many files got each action, without making the files; absent actions are absent. */
  Map<Action, Integer> countByAction() {
    int[] counts = new int[Verdict.COUNT];
    for (byte verdict : verdicts) {
      counts[verdict]++;
    }
    Map<Action, Integer> byAction = new EnumMap<>(Action.class);
    for (int code = 0; code < counts.length; code++) {
      if (counts[code] > 0) {
        byAction.merge(Verdict.of(code).action, counts[code], Integer::sum);
      }
    }
    if (unmatched.length > 0) {
      byAction.merge(Action.NOT_IN_CATALOG, unmatched.length, Integer::sum);
    }
    return byAction;
  }
}
