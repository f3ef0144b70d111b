package io.patchbay.campaign;

import io.patchbay.internal.concurrent.BoundedFanOut;
import io.patchbay.update.UpdateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a campaign's waves in order, on the thread that called {@link Campaign#run()}: each wave's
 * clients on the workers, at most {@code maxConcurrentClients} at once, then its {@link
 * WaveVerdict}, recorded in the journal; a wave that halts stops the waves after it. Waves the
 * journal has decided already are reported from it, and none of their clients is started again.
 */
final class WaveRunner {

  private final WavePlan plan;
  private final int maxConcurrentClients;
  private final Executor executor;
  private final Journal.Replay prior;
  private final JournalWrites journal;
  private final CampaignControl control;
  private final CampaignEvents events;
  private final WindowGate gate;
  private final ClientAttempts clients;

  WaveRunner(
      WavePlan plan,
      int maxConcurrentClients,
      Executor executor,
      Journal.Replay prior,
      JournalWrites journal,
      CampaignControl control,
      CampaignEvents events,
      WindowGate gate,
      ClientAttempts clients) {
    this.plan = plan;
    this.maxConcurrentClients = maxConcurrentClients;
    this.executor = executor;
    this.prior = prior;
    this.journal = journal;
    this.control = control;
    this.events = events;
    this.gate = gate;
    this.clients = clients;
  }

  /** Runs {@code waves} to the campaign's end and reports it. */
  CampaignReport run(
      List<List<DirectoryEntry>> waves, Instant started, long startNanos, UpdateSession session) {
    CampaignReport.State state = CampaignReport.State.COMPLETED;
    List<WaveReport> waveReports = new ArrayList<>();
    List<ClientOutcome> outcomes = new ArrayList<>();
    for (int index = 0; index < waves.size(); index++) {
      List<DirectoryEntry> wave = waves.get(index);
      long waveNanos = System.nanoTime();
      List<ClientOutcome> results;
      WaveVerdict verdict;
      int number = index;
      WaveReport.Decision recorded = prior.decisions.get(index);
      if (state != CampaignReport.State.COMPLETED || control.cancelled()) {
        String why =
            state == CampaignReport.State.HALTED
                ? "the campaign halted at an earlier wave"
                : CampaignControl.CANCELLED_REASON;
        results = restoreOr(wave, index, why);
        verdict = new WaveVerdict(WaveReport.Decision.NOT_RUN, why);
        state = state == CampaignReport.State.COMPLETED ? CampaignReport.State.CANCELLED : state;
      } else if (recorded != null) {
        // Decided before a restart: its clients are in the journal, and none is started again.
        results = restoreOr(wave, index, "not started before the wave was decided");
        verdict =
            new WaveVerdict(
                recorded, Objects.requireNonNullElse(prior.reasons.get(index), recorded.name()));
      } else {
        events.tell(listener -> listener.waveStarted(number, wave.size()));
        results = runWave(wave, index);
        WaveVerdict decided = WaveVerdict.of(plan, results, wave.size(), control.cancelled());
        verdict = decided;
        if (decided.decision() != WaveReport.Decision.CANCELLED) {
          journal.record(to -> to.wave(number, decided.decision(), decided.reason()));
        }
      }
      if (verdict.decision().halts()) {
        state = CampaignReport.State.HALTED;
      } else if (verdict.decision() == WaveReport.Decision.CANCELLED) {
        state = CampaignReport.State.CANCELLED;
      }
      int succeeded = WaveVerdict.succeeded(results);
      int failed = WaveVerdict.failed(results);
      WaveReport report =
          new WaveReport(
              index,
              wave.size(),
              succeeded,
              failed,
              wave.size() - succeeded - failed,
              verdict.decision(),
              verdict.reason(),
              Duration.ofNanos(System.nanoTime() - waveNanos));
      waveReports.add(report);
      outcomes.addAll(results);
      if (verdict.decision() != WaveReport.Decision.NOT_RUN) {
        events.tell(listener -> listener.waveFinished(report));
      }
    }
    if (state != CampaignReport.State.CANCELLED && prior.finished == null) {
      CampaignReport.State ended = state;
      journal.record(to -> to.finished(ended));
    }
    return new CampaignReport(
        session.catalog().serial(),
        started,
        Duration.ofNanos(System.nanoTime() - startNanos),
        state,
        waveReports,
        outcomes,
        session.artifactsFetched(),
        session.bytesFetched());
  }

  /** Outcomes of a wave not run now: from the journal where it has them, else not started. */
  private List<ClientOutcome> restoreOr(List<DirectoryEntry> wave, int index, String why) {
    List<ClientOutcome> results = new ArrayList<>(wave.size());
    for (DirectoryEntry entry : wave) {
      ClientOutcome done = prior.done.get(entry.id());
      results.add(
          done != null
              ? restored(done, entry, index)
              : ClientOutcome.notStarted(entry, index, why));
    }
    return results;
  }

  private static ClientOutcome restored(ClientOutcome done, DirectoryEntry entry, int wave) {
    return new ClientOutcome(
        done.clientId(),
        entry.group(),
        wave,
        done.status(),
        done.attempts(),
        done.failedStep(),
        done.reason(),
        done.anomalies(),
        done.bytesToClient(),
        done.elapsed(),
        true);
  }

  private List<ClientOutcome> runWave(List<DirectoryEntry> wave, int index) {
    ClientOutcome[] results = new ClientOutcome[wave.size()];
    AtomicInteger failed = new AtomicInteger();
    BoundedFanOut workers = new BoundedFanOut(executor, maxConcurrentClients);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    String stopReason = CampaignControl.CANCELLED_REASON;
    for (int j = 0; j < wave.size(); j++) {
      ClientOutcome done = prior.done.get(wave.get(j).id());
      if (done != null) {
        results[j] = restored(done, wave.get(j), index);
        failed.addAndGet(done.status() == ClientOutcome.Status.FAILED ? 1 : 0);
      }
    }
    try {
      for (int j : startOrder(wave, results)) {
        DirectoryEntry entry = wave.get(j);
        if (!control.awaitRunning()) {
          break;
        }
        workers.awaitSlot();
        // Judged with a worker in hand, not before waiting for one: the failures of the clients
        // that just gave their workers back count, so no client starts once the limit is exceeded.
        if (control.cancelled() || plan.exceedsErrorLimit(failed.get(), wave.size())) {
          workers.returnSlot();
          stopReason =
              control.cancelled()
                  ? CampaignControl.CANCELLED_REASON
                  : "the wave stopped: its failures exceeded the error limit";
          break;
        }
        tasks.add(submit(workers, entry, index, results, j, failed, clients));
      }
      tasks.forEach(CompletableFuture::join);
    } catch (InterruptedException e) {
      control.cancel();
      tasks.forEach(CompletableFuture::join);
      Thread.currentThread().interrupt();
    }
    List<ClientOutcome> outcomes = new ArrayList<>(wave.size());
    for (int j = 0; j < wave.size(); j++) {
      outcomes.add(
          results[j] != null
              ? results[j]
              : ClientOutcome.notStarted(wave.get(j), index, stopReason));
    }
    return outcomes;
  }

  /**
   * The clients of a wave still to do, those whose window is open (or who have none) first, then by
   * when their window opens, each group in directory order: a client waiting for its window holds a
   * worker, so it should not keep clients that could run now from starting.
   */
  private List<Integer> startOrder(List<DirectoryEntry> wave, ClientOutcome[] results) {
    Function<String, Instant> opening = gate.openings();
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < wave.size(); j++) {
      if (results[j] == null) {
        order.add(j);
      }
    }
    order.sort(Comparator.comparing(j -> opening.apply(wave.get(j).group())));
    return order;
  }

  /**
   * Runs {@code entry} on a worker. Its outcome and its failure are counted before the worker's
   * slot is free again, so the next client's start is judged on them. A client whose worker threw
   * leaves its result empty: it is reported not started.
   */
  private static CompletableFuture<Void> submit(
      BoundedFanOut workers,
      DirectoryEntry entry,
      int wave,
      ClientOutcome[] results,
      int slot,
      AtomicInteger failed,
      ClientAttempts clients) {
    return workers.submit(
        () -> {
          ClientOutcome outcome = clients.run(entry, wave);
          results[slot] = outcome;
          failed.addAndGet(outcome.status() == ClientOutcome.Status.FAILED ? 1 : 0);
          return null;
        },
        thrown -> null,
        rejected -> {
          results[slot] =
              new ClientOutcome(
                  entry.id(),
                  entry.group(),
                  wave,
                  ClientOutcome.Status.FAILED,
                  0,
                  null,
                  "the executor rejected the client: " + rejected,
                  0,
                  0,
                  Duration.ZERO,
                  false);
          failed.incrementAndGet();
          return null;
        });
  }
}
