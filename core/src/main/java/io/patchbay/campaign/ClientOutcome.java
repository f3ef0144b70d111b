package io.patchbay.campaign;

import io.patchbay.report.Step;
import java.time.Duration;
import java.util.Objects;

/**
 * What a campaign did with one client.
 *
 * @param clientId the client
 * @param group its maintenance group
 * @param wave the wave it belongs to, from 0 (the canary)
 * @param status how it ended
 * @param attempts how many times it was tried by the run that decided its outcome (0 if it was not
 *     tried)
 * @param failedStep the step at which its last attempt failed, or {@code null}
 * @param reason why it failed, was cancelled or not started, or {@code null}
 * @param anomalies how many files its last attempt found in a version newer than the catalog's,
 *     which the head end never published ({@link io.patchbay.report.UpdateReport#anomalies()}):
 *     left alone, and not counted against the client or its wave
 * @param bytesToClient bytes sent to the client
 * @param elapsed time spent on it, waits for windows and retries included
 * @param fromJournal whether this outcome was recorded by an earlier run and not redone
 */
public record ClientOutcome(
    String clientId,
    String group,
    int wave,
    Status status,
    int attempts,
    Step failedStep,
    String reason,
    int anomalies,
    long bytesToClient,
    Duration elapsed,
    boolean fromJournal) {

  /** How a client's part in a campaign ended. */
  public enum Status {
    /** Files were transferred and the client confirmed every new version. */
    UPDATED,
    /** The client already held every version; nothing was sent. */
    UP_TO_DATE,
    /** The client failed after its last attempt. */
    FAILED,
    /** The campaign was cancelled while the client was in progress. */
    CANCELLED,
    /** The client was not started: its wave was not reached, or was stopped early. */
    NOT_STARTED;

    /** Tells whether the client ended holding the catalog's versions. */
    public boolean succeeded() {
      return this == UPDATED || this == UP_TO_DATE;
    }
  }

  /** Checks the required fields. */
  public ClientOutcome {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** An outcome for a client that was never started. */
  static ClientOutcome notStarted(DirectoryEntry entry, int wave, String reason) {
    return new ClientOutcome(
        entry.id(),
        entry.group(),
        wave,
        Status.NOT_STARTED,
        0,
        null,
        reason,
        0,
        0,
        Duration.ZERO,
        false);
  }
}
