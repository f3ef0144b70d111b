package io.patchbay.campaign;

import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which clients are in which wave: cut from the directory by the plan when the campaign starts, and
 * read back from the journal when it resumes, so that a resumed campaign keeps its waves whatever
 * the directory says now.
 *
 * @param missing ids the journal's waves name but the directory no longer lists: reported, not
 *     contacted
 */
record WaveLayout(List<List<DirectoryEntry>> waves, Set<String> missing) {

  /**
   * The waves of a new campaign, recorded in the journal, or those of the campaign the journal
   * holds.
   *
   * @throws CampaignJournalException if the journal holds a campaign for another catalog
   */
  static WaveLayout of(
      WavePlan plan,
      List<DirectoryEntry> entries,
      Catalog catalog,
      Journal journal,
      Path journalFile)
      throws IOException {
    Journal.Replay prior = journal.replay();
    String fingerprint = CatalogFingerprint.of(catalog);
    if (!prior.started()) {
      List<List<DirectoryEntry>> waves = new ArrayList<>();
      int from = 0;
      for (int size : plan.sizes(entries.size())) {
        waves.add(entries.subList(from, from + size));
        from += size;
      }
      journal.started(
          catalog.serial(),
          fingerprint,
          waves.stream().map(wave -> wave.stream().map(DirectoryEntry::id).toList()).toList());
      return new WaveLayout(waves, Set.of());
    }
    if (prior.catalogSerial != catalog.serial() || !prior.catalogFingerprint.equals(fingerprint)) {
      throw new CampaignJournalException(
          journalFile,
          -1,
          "it holds a campaign for catalog serial "
              + prior.catalogSerial
              + ", but the head end now serves serial "
              + catalog.serial()
              + " with other content; start a new journal");
    }
    Map<String, DirectoryEntry> byId = new HashMap<>();
    entries.forEach(entry -> byId.put(entry.id(), entry));
    Set<String> missing = new HashSet<>();
    List<List<DirectoryEntry>> waves = new ArrayList<>();
    for (List<String> ids : prior.waves) {
      List<DirectoryEntry> wave = new ArrayList<>(ids.size());
      for (String id : ids) {
        DirectoryEntry entry = byId.get(id);
        if (entry == null) {
          // Gone from the directory since the campaign started: it is reported, not contacted.
          entry =
              new DirectoryEntry(
                  new Client(id, URI.create("missing:client"), Map.of()),
                  DirectoryEntry.DEFAULT_GROUP);
          missing.add(id);
        }
        wave.add(entry);
      }
      waves.add(wave);
    }
    return new WaveLayout(waves, missing);
  }

  List<Integer> sizes() {
    return waves.stream().map(List::size).toList();
  }
}
