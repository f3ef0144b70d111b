package io.patchbay.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What to do for every file of one client: the catalog's files in catalog order, then the files
 * only the client holds.
 *
 * @param clientId the client the plan is for
 * @param files one decision per file
 */
public record UpdatePlan(String clientId, List<PlannedFile> files) {

  /** Copies the list; the planner's own list is kept as it is, being immutable. */
  public UpdatePlan {
    files = files instanceof PlannedFiles ? files : List.copyOf(files);
  }

  /** The decisions that move a file to the client, in plan order. */
  public List<PlannedFile> transfers() {
    return files.stream().filter(file -> file.action().transfers()).toList();
  }

  /**
   * The files the client holds in a version newer than the catalog's, which the policy does not
   * downgrade ({@link Action#ANOMALY}), in plan order.
   */
  public List<PlannedFile> anomalies() {
    return files.stream().filter(file -> file.action() == Action.ANOMALY).toList();
  }

  /** Tells whether the client needs nothing from the head end. */
  public boolean isEmpty() {
    return files.stream().noneMatch(file -> file.action().transfers());
  }

  /** How many files got each action; actions that no file got are absent. */
  public Map<Action, Integer> countByAction() {
    if (files instanceof PlannedFiles planned) {
      return planned.countByAction();
    }
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    for (PlannedFile file : files) {
      counts.merge(file.action(), 1, Integer::sum);
    }
    return counts;
  }
}
