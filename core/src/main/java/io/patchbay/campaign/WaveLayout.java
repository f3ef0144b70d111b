package io.patchbay.campaign;

import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which clients are in which wave: cut from the directory by the plan when the campaign starts, and
 * read back from the campaign's state when it resumes (or when another worker started it), so that
 * every run keeps the recorded waves whatever its directory says now.
 *
 * @param missing ids the recorded waves name but the directory does not list: reported, not
 *     contacted
 * @param resumed whether the waves were recorded before this run
 */
record WaveLayout(List<List<DirectoryEntry>> waves, Set<String> missing, boolean resumed) {

  /**
   * The waves of a new campaign, recorded in the state, or those of the campaign the state holds.
   *
   * @throws CampaignJournalException if the state holds a campaign for another catalog
   */
  static WaveLayout of(
      WavePlan plan, List<DirectoryEntry> entries, Catalog catalog, CampaignState state)
      throws IOException {
    List<List<DirectoryEntry>> cut = new ArrayList<>();
    int from = 0;
    for (int size : plan.sizes(entries.size())) {
      cut.add(entries.subList(from, from + size));
      from += size;
    }
    CampaignState.Plan recorded =
        state.begin(
            catalog.serial(),
            CatalogFingerprint.of(catalog),
            cut.stream().map(wave -> wave.stream().map(DirectoryEntry::id).toList()).toList());
    if (!recorded.resumed()) {
      return new WaveLayout(cut, Set.of(), false);
    }
    Map<String, DirectoryEntry> byId = new HashMap<>();
    entries.forEach(entry -> byId.put(entry.id(), entry));
    Set<String> missing = new HashSet<>();
    List<List<DirectoryEntry>> waves = new ArrayList<>();
    for (List<String> ids : recorded.waves()) {
      List<DirectoryEntry> wave = new ArrayList<>(ids.size());
      for (String id : ids) {
        DirectoryEntry entry = byId.get(id);
        if (entry == null) {
          // Not in this directory: it is reported, not contacted.
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
    return new WaveLayout(waves, missing, true);
  }

  List<Integer> sizes() {
    return waves.stream().map(List::size).toList();
  }
}
