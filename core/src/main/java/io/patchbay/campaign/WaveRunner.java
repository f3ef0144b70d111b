package io.patchbay.campaign;

import io.patchbay.internal.concurrent.BoundedFanOut;
import io.patchbay.update.UpdateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a campaign's waves in order, on the thread that called {@link Campaign#run()}: each wave's
 * clients on the workers, at most {@code maxConcurrentClients} at once, each one leased from the
 * {@link CampaignState} first, then, once the wave is settled, its {@link WaveVerdict}, recorded
 * once in the state; a wave that halts stops the waves after it. Waves the state has decided
 * already (before a restart, or by another worker) are reported from it, and none of their clients
 * is started again.
 *
 * <p>With the journal this process holds every lease, so a wave settles when its clients end. With
 * a shared store other workers take clients of the same wave: when there is nothing left to lease,
 * this worker waits for the wave to settle, asking again every {@link
 * CampaignState#pollInterval()}, since a worker that is gone leaves clients whose leases must
 * expire first.
 */
final class WaveRunner {

  private static final String ERROR_LIMIT_REASON =
      "the wave stopped: its failures exceeded the error limit";

  private final WavePlan plan;
  private final int maxConcurrentClients;
  private final Executor executor;
  private final JournalWrites state;
  private final Duration pollInterval;
  private final CampaignControl control;
  private final CampaignEvents events;
  private final WindowGate gate;
  private final ClientAttempts clients;

  WaveRunner(
      WavePlan plan,
      int maxConcurrentClients,
      Executor executor,
      JournalWrites state,
      Duration pollInterval,
      CampaignControl control,
      CampaignEvents events,
      WindowGate gate,
      ClientAttempts clients) {
    this.plan = plan;
    this.maxConcurrentClients = maxConcurrentClients;
    this.executor = executor;
    this.state = state;
    this.pollInterval = pollInterval;
    this.control = control;
    this.events = events;
    this.gate = gate;
    this.clients = clients;
  }

  /** Runs {@code waves} to the campaign's end and reports it. */
  CampaignReport run(
      List<List<DirectoryEntry>> waves, Instant started, long startNanos, UpdateSession session) {
    CampaignReport.State ended = CampaignReport.State.COMPLETED;
    List<WaveReport> waveReports = new ArrayList<>();
    List<ClientOutcome> outcomes = new ArrayList<>();
    for (int index = 0; index < waves.size(); index++) {
      List<DirectoryEntry> wave = waves.get(index);
      long waveNanos = System.nanoTime();
      List<ClientOutcome> results;
      WaveVerdict verdict;
      int number = index;
      boolean going = ended == CampaignReport.State.COMPLETED && !control.cancelled();
      WaveVerdict recorded = going ? state.read(to -> to.verdict(number), null) : null;
      // A failed read of the verdict cancels the campaign: the wave is then not run either.
      if (!going || control.cancelled()) {
        String why =
            ended == CampaignReport.State.HALTED
                ? "the campaign halted at an earlier wave"
                : CampaignControl.CANCELLED_REASON;
        results = merge(wave, index, recordedOutcomes(index), Map.of(), why);
        verdict = new WaveVerdict(WaveReport.Decision.NOT_RUN, why);
        ended = ended == CampaignReport.State.COMPLETED ? CampaignReport.State.CANCELLED : ended;
      } else if (recorded != null) {
        // Decided before a restart or by another worker: none of its clients is started again.
        results =
            merge(
                wave,
                index,
                recordedOutcomes(index),
                Map.of(),
                "not started before the wave was decided");
        verdict = recorded;
      } else {
        events.tell(listener -> listener.waveStarted(number, wave.size()));
        Map<String, ClientOutcome> own = runWave(wave, index);
        Map<String, ClientOutcome> settled = recordedOutcomes(index);
        int failed = WaveVerdict.failed(new ArrayList<>(settled.values()));
        String why =
            !control.cancelled() && plan.exceedsErrorLimit(failed, wave.size())
                ? ERROR_LIMIT_REASON
                : CampaignControl.CANCELLED_REASON;
        results = merge(wave, index, settled, own, why);
        WaveVerdict judged = WaveVerdict.of(plan, results, wave.size(), control.cancelled());
        verdict =
            judged.decision() == WaveReport.Decision.CANCELLED
                ? judged
                : state.read(to -> to.decide(number, judged), judged);
      }
      if (verdict.decision().halts()) {
        ended = CampaignReport.State.HALTED;
      } else if (verdict.decision() == WaveReport.Decision.CANCELLED) {
        ended = CampaignReport.State.CANCELLED;
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
    if (ended != CampaignReport.State.CANCELLED) {
      CampaignReport.State end = ended;
      state.record(to -> to.finished(end));
    }
    return new CampaignReport(
        session.catalog().serial(),
        started,
        Duration.ofNanos(System.nanoTime() - startNanos),
        ended,
        waveReports,
        outcomes,
        session.artifactsFetched(),
        session.bytesFetched());
  }

  private Map<String, ClientOutcome> recordedOutcomes(int index) {
    return state.read(to -> to.outcomes(index), Map.of());
  }

  /**
   * A wave's outcomes: this run's own where the state agrees (or has none, as for a cancelled
   * client), the state's where it has one from an earlier run or another worker, else not started
   * for {@code why}.
   */
  private static List<ClientOutcome> merge(
      List<DirectoryEntry> wave,
      int index,
      Map<String, ClientOutcome> recorded,
      Map<String, ClientOutcome> own,
      String why) {
    List<ClientOutcome> results = new ArrayList<>(wave.size());
    for (DirectoryEntry entry : wave) {
      ClientOutcome mine = own.get(entry.id());
      ClientOutcome theirs = recorded.get(entry.id());
      if (theirs != null && (mine == null || mine.status() != theirs.status())) {
        results.add(restored(theirs, entry, index));
      } else if (mine != null) {
        results.add(mine);
      } else {
        results.add(ClientOutcome.notStarted(entry, index, why));
      }
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

  /**
   * Runs the clients of a wave this worker can lease until the wave is settled, and returns their
   * outcomes by id.
   */
  private Map<String, ClientOutcome> runWave(List<DirectoryEntry> wave, int index) {
    Map<String, DirectoryEntry> byId = new HashMap<>();
    wave.forEach(entry -> byId.put(entry.id(), entry));
    List<String> order = startOrder(wave, recordedOutcomes(index));
    Map<String, ClientOutcome> own = new ConcurrentHashMap<>();
    // Clients the executor rejected fail without reaching the state: counted here.
    AtomicInteger rejected = new AtomicInteger();
    int maxFailures = plan.maxFailures(wave.size());
    BoundedFanOut workers = new BoundedFanOut(executor, maxConcurrentClients);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    try {
      while (control.awaitRunning()) {
        workers.awaitSlot();
        // Leased with a worker in hand, not before waiting for one: the failures of the clients
        // that just gave their workers back count, so no client starts once the limit is exceeded.
        String id =
            control.cancelled()
                ? null
                : state.read(to -> to.lease(index, order, maxFailures - rejected.get()), null);
        if (id != null) {
          tasks.add(submit(workers, byId.get(id), index, own, rejected));
          continue;
        }
        workers.returnSlot();
        tasks.removeIf(CompletableFuture::isDone);
        if (control.cancelled()) {
          break;
        }
        if (!tasks.isEmpty()) {
          awaitAny(tasks);
        } else if (state.read(to -> to.settled(index, maxFailures - rejected.get()), true)) {
          break;
        } else {
          control.awaitCancel(pollInterval);
        }
      }
      tasks.forEach(CompletableFuture::join);
    } catch (InterruptedException e) {
      control.cancel();
      tasks.forEach(CompletableFuture::join);
      Thread.currentThread().interrupt();
    }
    return own;
  }

  /** Waits until one of {@code tasks} ends, or for the poll interval. */
  private void awaitAny(List<CompletableFuture<Void>> tasks) throws InterruptedException {
    try {
      CompletableFuture.anyOf(tasks.toArray(new CompletableFuture<?>[0]))
          .get(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Either way: look at the state again.
    }
  }

  /**
   * The ids of a wave's clients still to do, those whose window is open (or who have none) first,
   * then by when their window opens, each group in directory order: a client waiting for its window
   * holds a worker, so it should not keep clients that could run now from starting.
   */
  private List<String> startOrder(List<DirectoryEntry> wave, Map<String, ClientOutcome> done) {
    Function<String, Instant> opening = gate.openings();
    return wave.stream()
        .filter(entry -> !done.containsKey(entry.id()))
        .sorted(Comparator.comparing(entry -> opening.apply(entry.group())))
        .map(DirectoryEntry::id)
        .toList();
  }

  /**
   * Runs {@code entry} on a worker. Its outcome and its failure are in the state before the
   * worker's slot is free again, so the next lease is judged on them. A client whose worker threw
   * has no outcome of its own: its lease is given back, and it is reported from the state, or not
   * started.
   */
  private CompletableFuture<Void> submit(
      BoundedFanOut workers,
      DirectoryEntry entry,
      int wave,
      Map<String, ClientOutcome> own,
      AtomicInteger rejected) {
    return workers.submit(
        () -> {
          own.put(entry.id(), clients.run(entry, wave));
          return null;
        },
        thrown -> {
          state.record(to -> to.release(entry.id()));
          return null;
        },
        refused -> {
          state.record(to -> to.release(entry.id()));
          own.put(
              entry.id(),
              new ClientOutcome(
                  entry.id(),
                  entry.group(),
                  wave,
                  ClientOutcome.Status.FAILED,
                  0,
                  null,
                  "the executor rejected the client: " + refused,
                  0,
                  0,
                  Duration.ZERO,
                  false));
          rejected.incrementAndGet();
          return null;
        });
  }
}
