package io.patchbay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.plan.Action;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semver4j.Semver;
import org.semver4j.SemverException;

/**
 * The planner as the issue describes the naive way to write it, to measure ours against: the inputs
 * are Jackson tree models, and every comparison parses both versions with semver4j.
 *
 * <p>It decides what {@link io.patchbay.plan.Planner} decides under the default policy (install
 * missing files, never downgrade, hold nothing, every entry targets every client, every version is
 * SemVer), one {@link Decision} per file in the same order, so the two can be checked against each
 * other. It has no fast path for equal version strings: that is one of the things the real planner
 * is measured for.
 */
final class NaiveBaseline {

  private NaiveBaseline() {}

  /** One file's decision: as much as {@link io.patchbay.plan.PlannedFile} carries. */
  record Decision(
      String name, Action action, String currentVersion, String centralVersion, JsonNode target) {}

  /**
   * Plans by finding each catalog file in the client's list with a linear scan: O(catalog x
   * manifest).
   */
  static List<Decision> planWithListScans(JsonNode manifest, JsonNode catalog) {
    JsonNode held = manifest.get("files");
    JsonNode central = catalog.get("files");
    boolean[] listed = new boolean[held.size()];
    List<Decision> decisions = new ArrayList<>(central.size() + held.size());
    for (JsonNode entry : central) {
      String name = entry.get("name").textValue();
      JsonNode installed = null;
      for (int i = 0; i < held.size(); i++) {
        JsonNode candidate = held.get(i);
        if (candidate.get("name").textValue().equals(name)) {
          installed = candidate;
          listed[i] = true;
          break;
        }
      }
      decisions.add(decide(name, installed, entry));
    }
    addNotInCatalog(held, listed, decisions);
    return decisions;
  }

  /**
   * Plans like {@link #planWithListScans} but finds each catalog file through a hash map of the
   * client's list built first: O(catalog + manifest), still on tree models and still parsing
   * versions on every comparison.
   */
  static List<Decision> planWithIndex(JsonNode manifest, JsonNode catalog) {
    JsonNode held = manifest.get("files");
    JsonNode central = catalog.get("files");
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < held.size(); i++) {
      positions.put(held.get(i).get("name").textValue(), i);
    }
    boolean[] listed = new boolean[held.size()];
    List<Decision> decisions = new ArrayList<>(central.size() + held.size());
    for (JsonNode entry : central) {
      String name = entry.get("name").textValue();
      Integer position = positions.get(name);
      JsonNode installed = null;
      if (position != null) {
        installed = held.get(position);
        listed[position] = true;
      }
      decisions.add(decide(name, installed, entry));
    }
    addNotInCatalog(held, listed, decisions);
    return decisions;
  }

  /** How many decisions have each action; actions no file got are absent. */
  static Map<Action, Integer> countByAction(List<Decision> decisions) {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    for (Decision decision : decisions) {
      counts.merge(decision.action(), 1, Integer::sum);
    }
    return counts;
  }

  private static Decision decide(String name, JsonNode installed, JsonNode entry) {
    String centralVersion = entry.get("version").textValue();
    if (installed == null) {
      return new Decision(name, Action.INSTALL, null, centralVersion, entry);
    }
    String currentVersion = installed.get("version").textValue();
    int order;
    try {
      order = new Semver(currentVersion).compareTo(new Semver(centralVersion));
    } catch (SemverException e) {
      return new Decision(name, Action.INVALID_VERSION, currentVersion, centralVersion, entry);
    }
    Action action = order < 0 ? Action.UPDATE : order == 0 ? Action.UP_TO_DATE : Action.ANOMALY;
    return new Decision(name, action, currentVersion, centralVersion, entry);
  }

  private static void addNotInCatalog(JsonNode held, boolean[] listed, List<Decision> decisions) {
    for (int i = 0; i < held.size(); i++) {
      if (!listed[i]) {
        JsonNode installed = held.get(i);
        decisions.add(
            new Decision(
                installed.get("name").textValue(),
                Action.NOT_IN_CATALOG,
                installed.get("version").textValue(),
                null,
                null));
      }
    }
  }
}
