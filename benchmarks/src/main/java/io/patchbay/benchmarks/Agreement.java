package io.patchbay.benchmarks;

import io.patchbay.plan.Action;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import java.util.EnumMap;
import java.util.Map;

/**
 * Checks, before anything is timed, that a planner decided what the fixture says a correct plan
 * decides, so a faster side cannot be faster by planning less.
 */
final class Agreement {

  private Agreement() {}

  /**
   * Compares {@code counts}, the number of files per action that {@code side} planned, with the
   * fixture's.
   *
   * @throws IllegalStateException naming the side, both counts and the transfers each implies
   */
  static void check(PlanFixture fixture, String side, Map<Action, Integer> counts) {
    if (!counts.equals(fixture.expectedActions())) {
      throw new IllegalStateException(
          side
              + " planned "
              + counts
              + " ("
              + transfers(counts)
              + " transfers) but the fixture expects "
              + fixture.expectedActions()
              + " ("
              + fixture.expectedTransfers()
              + " transfers)");
    }
  }

  /**
   * Checks our planner's {@code plan} by every file in it, each read as a record, and by the count
   * the plan keeps itself.
   *
   * @throws IllegalStateException naming the side, both counts and the transfers each implies
   */
  static void check(PlanFixture fixture, String side, UpdatePlan plan) {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    for (PlannedFile file : plan.files()) {
      counts.merge(file.action(), 1, Integer::sum);
    }
    check(fixture, side, counts);
    check(fixture, side + " (the plan's own count)", plan.countByAction());
  }

  private static int transfers(Map<Action, Integer> counts) {
    return counts.entrySet().stream()
        .filter(count -> count.getKey().transfers())
        .mapToInt(Map.Entry::getValue)
        .sum();
  }
}
