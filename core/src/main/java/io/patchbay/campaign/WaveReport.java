package io.patchbay.campaign;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one wave.
 *
 * @param index the wave's number, from 0 (the canary)
 * @param size how many clients it holds
 * @param succeeded how many were updated or already up to date
 * @param failed how many failed
 * @param notStarted how many were not started or were cancelled
 * @param decision what the campaign decided after it
 * @param reason the decision's reason, in words
 * @param elapsed how long the wave took in this run
 */
public record WaveReport(
    int index,
    int size,
    int succeeded,
    int failed,
    int notStarted,
    Decision decision,
    String reason,
    Duration elapsed) {

  /** What a campaign decides after a wave. */
  public enum Decision {
    /** The wave reached the success threshold; the next wave may start. */
    PASSED,
    /** More clients failed than the error limit allows: the campaign halted. */
    HALTED_ERROR_LIMIT,
    /** Too few clients succeeded: the campaign halted. */
    HALTED_BELOW_THRESHOLD,
    /** The campaign was cancelled during the wave. */
    CANCELLED,
    /** The wave was not run: the campaign halted or was cancelled before it. */
    NOT_RUN;

    /** Tells whether the campaign stopped for good at this wave. */
    public boolean halts() {
      return this == HALTED_ERROR_LIMIT || this == HALTED_BELOW_THRESHOLD;
    }
  }

  /** Checks the required fields. */
  public WaveReport {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
