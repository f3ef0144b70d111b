package io.patchbay.benchmarks;

import io.patchbay.plan.Action;
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

  private static int transfers(Map<Action, Integer> counts) {
    return counts.entrySet().stream()
        .filter(count -> count.getKey().transfers())
        .mapToInt(Map.Entry::getValue)
        .sum();
  }
}
