package io.patchbay.campaign;

import io.patchbay.report.FileOutcome;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.update.Sleeper;
import io.patchbay.update.UpdateSession;
import java.time.Duration;
import java.util.Set;

/**
 * One client of a campaign, from its first attempt to its outcome: each attempt is an update in the
 * run's session with the campaign's hooks, a failed one is retried after the backoff of the {@link
 * ClientRetries} (a failed plan is not: it would fail again), and the outcome is recorded in the
 * campaign's state and told to the listeners. Runs on a worker thread, one client per call.
 */
final class ClientAttempts {

  private final UpdateSession session;
  private final ClientRetries retries;
  private final Set<String> missing;
  private final CampaignControl control;
  private final JournalWrites journal;
  private final CampaignEvents events;
  private final WindowGate gate;
  private final BandwidthBudget budget;
  private final Sleeper sleeper;

  /**
   * Attempts in {@code session}; the ids in {@code missing} fail without being contacted, and
   * {@code budget} is null without a bandwidth budget.
   */
  ClientAttempts(
      UpdateSession session,
      ClientRetries retries,
      Set<String> missing,
      CampaignControl control,
      JournalWrites journal,
      CampaignEvents events,
      WindowGate gate,
      BandwidthBudget budget,
      Sleeper sleeper) {
    this.session = session;
    this.retries = retries;
    this.missing = missing;
    this.control = control;
    this.journal = journal;
    this.events = events;
    this.gate = gate;
    this.budget = budget;
    this.sleeper = sleeper;
  }

  /** Updates {@code entry} of wave {@code wave}, with its retries, and records its outcome. */
  ClientOutcome run(DirectoryEntry entry, int wave) {
    control.workerStarted();
    long startNanos = System.nanoTime();
    try {
      ClientOutcome outcome = attempts(entry, wave, startNanos);
      if (outcome.status() != ClientOutcome.Status.CANCELLED) {
        journal.record(to -> to.clientDone(outcome));
      } else {
        // Cancelled here, it is not over: another worker, or a later run, takes it on.
        journal.record(to -> to.release(outcome.clientId()));
      }
      events.tell(listener -> listener.clientFinished(outcome));
      return outcome;
    } finally {
      control.workerFinished();
    }
  }

  private ClientOutcome attempts(DirectoryEntry entry, int wave, long startNanos) {
    if (missing.contains(entry.id())) {
      return outcome(
          entry,
          wave,
          ClientOutcome.Status.FAILED,
          0,
          null,
          "the journal's plan names this client but the directory no longer lists it",
          0,
          0,
          startNanos);
    }
    long bytes = 0;
    for (int attempt = 1; ; attempt++) {
      int number = attempt;
      events.tell(listener -> listener.clientStarted(entry.id(), wave, number));
      UpdateReport report =
          session.update(entry.client(), new CampaignHooks(journal, gate, budget, entry, attempt));
      bytes += report.bytesTransferred();
      if (report.succeeded()) {
        return outcome(
            entry,
            wave,
            report.updatedCount() > 0
                ? ClientOutcome.Status.UPDATED
                : ClientOutcome.Status.UP_TO_DATE,
            attempt,
            null,
            null,
            report.anomalies().size(),
            bytes,
            startNanos);
      }
      Failure failure = Failure.of(report);
      if (control.cancelled()) {
        return cancelled(entry, wave, attempt, failure, bytes, startNanos);
      }
      if (attempt >= retries.maxAttempts() || failure.step == Step.PLAN) {
        return outcome(
            entry,
            wave,
            ClientOutcome.Status.FAILED,
            attempt,
            failure.step,
            failure.reason,
            report.anomalies().size(),
            bytes,
            startNanos);
      }
      Duration backoff = retries.backoffAfter(attempt);
      events.tell(listener -> listener.clientRetrying(entry.id(), number, backoff, failure.reason));
      try {
        sleeper.sleep(backoff);
        if (!control.awaitRunning()) {
          throw new InterruptedException();
        }
      } catch (InterruptedException e) {
        return cancelled(entry, wave, attempt, failure, bytes, startNanos);
      }
    }
  }

  private static ClientOutcome cancelled(
      DirectoryEntry entry, int wave, int attempts, Failure failure, long bytes, long startNanos) {
    return outcome(
        entry,
        wave,
        ClientOutcome.Status.CANCELLED,
        attempts,
        failure.step,
        CampaignControl.CANCELLED_REASON,
        0,
        bytes,
        startNanos);
  }

  private static ClientOutcome outcome(
      DirectoryEntry entry,
      int wave,
      ClientOutcome.Status status,
      int attempts,
      Step step,
      String reason,
      int anomalies,
      long bytes,
      long startNanos) {
    return new ClientOutcome(
        entry.id(),
        entry.group(),
        wave,
        status,
        attempts,
        step,
        reason,
        anomalies,
        bytes,
        Duration.ofNanos(System.nanoTime() - startNanos),
        false);
  }

  /**
   * The step and reason of a failed client report: the client's own, or its first failed file's.
   */
  private record Failure(Step step, String reason) {
    static Failure of(UpdateReport report) {
      if (report.error() != null) {
        return new Failure(report.failedStep(), describe(report.error()));
      }
      FileOutcome file = report.failures().get(0);
      return new Failure(file.failedStep(), file.name() + ": " + describe(file.error()));
    }

    private static String describe(Throwable error) {
      if (error == null) {
        return "unknown";
      }
      return error.getMessage() == null
          ? error.getClass().getSimpleName()
          : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
  }
}
