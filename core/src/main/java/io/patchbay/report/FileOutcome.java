package io.patchbay.report;

import io.patchbay.plan.Action;
import java.time.Duration;
import java.util.Objects;

/**
 * What became of one file of one client.
 *
 * @param name the file name
 * @param action what the plan decided
 * @param status how it ended
 * @param fromVersion the client's version before the update, or {@code null} if it lacked the file
 * @param toVersion the head end's version, or {@code null} if the catalog does not list the file
 * @param bytes bytes sent to the client
 * @param elapsed time spent fetching, transferring and confirming this file
 * @param failedStep the step that failed, or {@code null} unless the status is {@link
 *     Status#FAILED}
 * @param error why it failed or was cancelled, or {@code null}
 */
public record FileOutcome(
    String name,
    Action action,
    Status status,
    String fromVersion,
    String toVersion,
    long bytes,
    Duration elapsed,
    Step failedStep,
    Throwable error) {

  /** How a file's update ended. */
  public enum Status {
    /** The client now reports the head end's version. */
    UPDATED,
    /** Nothing was to be transferred. */
    UNCHANGED,
    /** Something went wrong; the client is not counted as updated. */
    FAILED,
    /** The run was cancelled before or while this file moved. */
    CANCELLED
  }

  /** Checks the required fields. */
  public FileOutcome {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Tells whether this file ended as the plan meant. */
  public boolean succeeded() {
    return status == Status.UPDATED || status == Status.UNCHANGED;
  }
}
