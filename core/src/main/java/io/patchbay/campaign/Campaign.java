package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.update.Sleeper;
import io.patchbay.update.StepHooks;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.update.UpdateSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls one catalog out over a fleet: clients from a {@link ClientDirectory}, in waves of a {@link
 * WavePlan} (a canary first), each client updated by an {@link UpdateOrchestrator}'s session within
 * its group's {@link MaintenanceWindow}, under limits on concurrent clients and transfers and a
 * shared {@link BandwidthBudget}, with retries. With a journal, every step is on disk before it is
 * acted on, and a gateway killed at any moment resumes the campaign when {@link #run()} is called
 * again with the same journal: confirmed clients are not touched again, clients in flight are
 * interrogated and planned again from their real state.
 *
 * <p>Single use: build, {@link #run()} once. {@link #pause()}, {@link #resume()} and {@link
 * #cancel()} may be called from any thread while it runs. Per-step deadlines, the confirmation's
 * settle delay and retries are the orchestrator's ({@link UpdateOrchestrator.Builder#stepTimeout(
 * Step, Duration)}, {@link UpdateOrchestrator.Builder#confirmation}).
 *
 * <pre>{@code
 * Campaign campaign = Campaign.builder()
 *     .directory(StaticClientDirectory.read(Path.of("clients.csv")))
 *     .orchestrator(gateway)
 *     .plan(WavePlan.builder().canaryClients(5).build())
 *     .journal(Path.of("/var/lib/patchbay/campaign.journal"))
 *     .build();
 * CampaignReport report = campaign.run();
 * }</pre>
 */
public final class Campaign {

  private static final Logger LOG = LoggerFactory.getLogger(Campaign.class);

  private final ClientDirectory directory;
  private final UpdateOrchestrator orchestrator;
  private final WavePlan plan;
  private final Map<String, MaintenanceWindow> windows;
  private final int maxConcurrentClients;
  private final Semaphore transferSlots;
  private final BandwidthBudget budget;
  private final TransferRate rate;
  private final ClientRetries retries;
  private final Path journalFile;
  private final List<CampaignListener> listeners;
  private final Executor executor;
  private final Clock clock;
  private final Sleeper sleeper;

  private final AtomicBoolean ran = new AtomicBoolean();
  private final Set<Thread> workers = new HashSet<>();
  private boolean paused;
  private volatile boolean cancelled;
  private volatile UpdateSession session;
  private volatile IOException journalFailure;

  private Campaign(Builder builder) {
    this.directory = Objects.requireNonNull(builder.directory, "directory");
    this.orchestrator = Objects.requireNonNull(builder.orchestrator, "orchestrator");
    this.plan = builder.plan;
    this.windows = Map.copyOf(builder.windows);
    this.maxConcurrentClients = builder.maxConcurrentClients;
    this.transferSlots = new Semaphore(builder.maxConcurrentTransfers == 0 ? Integer.MAX_VALUE : builder.maxConcurrentTransfers);
    this.budget = builder.bytesPerSecond == 0 ? null : new BandwidthBudget(builder.bytesPerSecond, builder.clock, builder.sleeper);
    this.rate = new TransferRate(builder.bytesPerSecond);
    this.retries = builder.retries;
    this.journalFile = builder.journal;
    this.listeners = List.copyOf(builder.listeners);
    this.executor = builder.executor;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
  }

  /** Starts configuring a campaign. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the campaign to its end: completed, halted by a wave's thresholds, or cancelled. Blocks.
   * Never throws for what a client did: every client's outcome is in the report. Resumes from the
   * journal if it holds the campaign already; a campaign the journal says is over is reported again
   * without touching any client.
   *
   * @throws IOException if the directory or the head end's catalog cannot be read, or the journal
   *     cannot be written (the campaign then stops: no step is acted on unrecorded)
   * @throws CampaignJournalException if the journal is damaged or belongs to another catalog
   * @throws ClientDirectoryException if the directory's content is invalid
   * @throws IllegalStateException if the campaign has run already
   */
  public CampaignReport run() throws IOException {
    if (!ran.compareAndSet(false, true)) {
      throw new IllegalStateException("A campaign runs once; build another, with the same journal to resume");
    }
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    List<DirectoryEntry> entries = uniqueIds(directory.clients());
    ExecutorService ownPool = executor == null ? newPool(maxConcurrentClients) : null;
    try (Journal journal = journalFile == null ? Journal.disabled() : Journal.open(journalFile);
        UpdateSession opened = orchestrator.openSession()) {
      session = opened;
      if (cancelled) {
        opened.cancel();
      }
      Run run = new Run(journal, journal.replay(), executor != null ? executor : ownPool, new HashSet<>());
      List<List<DirectoryEntry>> waves = waves(run, entries, opened.catalog());
      tell(listener -> listener.campaignStarted(opened.catalog().serial(),
          waves.stream().map(List::size).toList(), run.prior.started()));
      CampaignReport report = runWaves(run, waves, started, startNanos, opened);
      if (journalFailure != null) {
        throw journalFailure;
      }
      tell(listener -> listener.campaignFinished(report));
      return report;
    } finally {
      session = null;
      if (ownPool != null) {
        ownPool.shutdown();
      }
    }
  }

  /** Checks what a directory of any kind returned: the journal tells clients apart by id. */
  private static List<DirectoryEntry> uniqueIds(List<DirectoryEntry> entries) {
    Set<String> ids = new HashSet<>();
    for (DirectoryEntry entry : entries) {
      if (!ids.add(entry.id())) {
        throw new ClientDirectoryException("client directory", 0, 0, "duplicate client id " + Untrusted.quote(entry.id()), null);
      }
    }
    return List.copyOf(entries);
  }

  /** Stops starting clients (and retries, and waves) until {@link #resume()}; clients in progress go on. */
  public void pause() {
    synchronized (workers) {
      paused = true;
    }
    tell(CampaignListener::campaignPaused);
  }

  /** Lets a paused campaign start clients again. */
  public void resume() {
    synchronized (workers) {
      paused = false;
      workers.notifyAll();
    }
    tell(CampaignListener::campaignResumed);
  }

  /**
   * Cancels the campaign: no client starts any more, clients in progress are interrupted and
   * reported cancelled, and {@link #run()} returns a report in state {@link
   * CampaignReport.State#CANCELLED}. Running the campaign again with its journal resumes it.
   * Idempotent.
   */
  public void cancel() {
    cancelled = true;
    UpdateSession current = session;
    if (current != null) {
      current.cancel();
    }
    synchronized (workers) {
      workers.forEach(Thread::interrupt);
      workers.notifyAll();
    }
  }

  /** What one run shares between its waves and clients. */
  private record Run(Journal journal, Journal.Replay prior, Executor executor, Set<String> missing) {}

  private List<List<DirectoryEntry>> waves(Run run, List<DirectoryEntry> entries, Catalog catalog) throws IOException {
    String fingerprint = fingerprint(catalog);
    if (!run.prior.started()) {
      List<List<DirectoryEntry>> waves = new ArrayList<>();
      int from = 0;
      for (int size : plan.sizes(entries.size())) {
        waves.add(entries.subList(from, from + size));
        from += size;
      }
      run.journal.started(catalog.serial(), fingerprint,
          waves.stream().map(wave -> wave.stream().map(DirectoryEntry::id).toList()).toList());
      return waves;
    }
    if (run.prior.catalogSerial != catalog.serial() || !run.prior.catalogFingerprint.equals(fingerprint)) {
      throw new CampaignJournalException(journalFile, -1, "it holds a campaign for catalog serial " + run.prior.catalogSerial
          + ", but the head end now serves serial " + catalog.serial() + " with other content; start a new journal");
    }
    // The journal's plan wins over the directory's order: a resumed campaign keeps its waves.
    Map<String, DirectoryEntry> byId = new HashMap<>();
    entries.forEach(entry -> byId.put(entry.id(), entry));
    List<List<DirectoryEntry>> waves = new ArrayList<>();
    for (List<String> ids : run.prior.waves) {
      List<DirectoryEntry> wave = new ArrayList<>(ids.size());
      for (String id : ids) {
        DirectoryEntry entry = byId.get(id);
        if (entry == null) {
          // Gone from the directory since the campaign started: it is reported, not contacted.
          entry = new DirectoryEntry(new Client(id, URI.create("missing:client"), Map.of()), DirectoryEntry.DEFAULT_GROUP);
          run.missing.add(id);
        }
        wave.add(entry);
      }
      waves.add(wave);
    }
    return waves;
  }
  private static final String CANCELLED_REASON = "the campaign was cancelled";

  private CampaignReport runWaves(Run run, List<List<DirectoryEntry>> waves, Instant started, long startNanos,
      UpdateSession opened) throws IOException {
    CampaignReport.State state = CampaignReport.State.COMPLETED;
    List<WaveReport> waveReports = new ArrayList<>();
    List<ClientOutcome> outcomes = new ArrayList<>();
    for (int index = 0; index < waves.size(); index++) {
      List<DirectoryEntry> wave = waves.get(index);
      long waveNanos = System.nanoTime();
      List<ClientOutcome> results;
      WaveReport.Decision decision;
      String reason;
      int number = index;
      WaveReport.Decision recorded = run.prior.decisions.get(index);
      if (state != CampaignReport.State.COMPLETED || cancelled) {
        String why = state == CampaignReport.State.HALTED ? "the campaign halted at an earlier wave" : CANCELLED_REASON;
        results = restoreOr(run, wave, index, why);
        decision = WaveReport.Decision.NOT_RUN;
        reason = why;
        state = state == CampaignReport.State.COMPLETED ? CampaignReport.State.CANCELLED : state;
      } else if (recorded != null) {
        // Decided before a restart: its clients are in the journal, and none is started again.
        results = restoreOr(run, wave, index, "not started before the wave was decided");
        decision = recorded;
        reason = Objects.requireNonNullElse(run.prior.reasons.get(index), recorded.name());
      } else {
        tell(listener -> listener.waveStarted(number, wave.size()));
        results = runWave(run, wave, index);
        decision = decide(results, wave.size());
        reason = reasonFor(decision, results, wave.size());
        if (decision != WaveReport.Decision.CANCELLED) {
          record(() -> run.journal.wave(number, decision, reason));
        }
      }
      if (decision.halts()) {
        state = CampaignReport.State.HALTED;
      } else if (decision == WaveReport.Decision.CANCELLED) {
        state = CampaignReport.State.CANCELLED;
      }
      WaveReport report = new WaveReport(index, wave.size(), count(results, true), countFailed(results),
          wave.size() - count(results, true) - countFailed(results), decision, reason,
          Duration.ofNanos(System.nanoTime() - waveNanos));
      waveReports.add(report);
      outcomes.addAll(results);
      if (decision != WaveReport.Decision.NOT_RUN) {
        tell(listener -> listener.waveFinished(report));
      }
    }
    if (state != CampaignReport.State.CANCELLED && run.prior.finished == null) {
      CampaignReport.State ended = state;
      record(() -> run.journal.finished(ended));
    }
    return new CampaignReport(opened.catalog().serial(), started, Duration.ofNanos(System.nanoTime() - startNanos),
        state, waveReports, outcomes, opened.artifactsFetched(), opened.bytesFetched());
  }

  /** Outcomes of a wave not run now: from the journal where it has them, else not started. */
  private static List<ClientOutcome> restoreOr(Run run, List<DirectoryEntry> wave, int index, String why) {
    List<ClientOutcome> results = new ArrayList<>(wave.size());
    for (DirectoryEntry entry : wave) {
      ClientOutcome done = run.prior.done.get(entry.id());
      results.add(done != null ? restored(done, entry, index) : ClientOutcome.notStarted(entry, index, why));
    }
    return results;
  }

  private static ClientOutcome restored(ClientOutcome done, DirectoryEntry entry, int wave) {
    return new ClientOutcome(done.clientId(), entry.group(), wave, done.status(), done.attempts(), done.failedStep(),
        done.reason(), done.bytesToClient(), done.elapsed(), true);
  }

  private List<ClientOutcome> runWave(Run run, List<DirectoryEntry> wave, int index) {
    ClientOutcome[] results = new ClientOutcome[wave.size()];
    AtomicInteger failed = new AtomicInteger();
    Semaphore slots = new Semaphore(maxConcurrentClients);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    String stopReason = CANCELLED_REASON;
    for (int j = 0; j < wave.size(); j++) {
      ClientOutcome done = run.prior.done.get(wave.get(j).id());
      if (done != null) {
        results[j] = restored(done, wave.get(j), index);
        failed.addAndGet(done.status() == ClientOutcome.Status.FAILED ? 1 : 0);
      }
    }
    try {
      for (int j : startOrder(wave, results)) {
        DirectoryEntry entry = wave.get(j);
        if (!awaitRunning()) {
          break;
        }
        slots.acquire();
        // Judged with a worker in hand, not before waiting for one: the failures of the clients
        // that just gave their workers back count, so no client starts once the limit is exceeded.
        if (cancelled || plan.exceedsErrorLimit(failed.get(), wave.size())) {
          slots.release();
          stopReason = cancelled ? CANCELLED_REASON : "the wave stopped: its failures exceeded the error limit";
          break;
        }
        tasks.add(submit(run, entry, index, results, j, failed, slots));
      }
      tasks.forEach(CompletableFuture::join);
    } catch (InterruptedException e) {
      cancel();
      tasks.forEach(CompletableFuture::join);
      Thread.currentThread().interrupt();
    }
    List<ClientOutcome> outcomes = new ArrayList<>(wave.size());
    for (int j = 0; j < wave.size(); j++) {
      outcomes.add(results[j] != null ? results[j] : ClientOutcome.notStarted(wave.get(j), index, stopReason));
    }
    return outcomes;
  }

  /**
   * The clients of a wave still to do, those whose window is open (or who have none) first, then by
   * when their window opens, each group in directory order: a client waiting for its window holds a
   * worker, so it should not keep clients that could run now from starting.
   */
  private List<Integer> startOrder(List<DirectoryEntry> wave, ClientOutcome[] results) {
    Instant now = clock.instant();
    Map<String, Instant> opening = new HashMap<>();
    for (Map.Entry<String, MaintenanceWindow> window : windows.entrySet()) {
      opening.put(window.getKey(), window.getValue().closingIfOpen(now).isPresent() ? now : window.getValue().nextOpening(now));
    }
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < wave.size(); j++) {
      if (results[j] == null) {
        order.add(j);
      }
    }
    order.sort(Comparator.comparing(j -> opening.getOrDefault(wave.get(j).group(), now)));
    return order;
  }

  private CompletableFuture<Void> submit(Run run, DirectoryEntry entry, int wave, ClientOutcome[] results, int slot,
      AtomicInteger failed, Semaphore slots) {
    CompletableFuture<Void> task = new CompletableFuture<>();
    try {
      run.executor.execute(() -> {
        try {
          ClientOutcome outcome = runClient(run, entry, wave);
          results[slot] = outcome;
          failed.addAndGet(outcome.status() == ClientOutcome.Status.FAILED ? 1 : 0);
        } finally {
          slots.release();
          task.complete(null);
        }
      });
    } catch (RejectedExecutionException e) {
      slots.release();
      results[slot] = new ClientOutcome(entry.id(), entry.group(), wave, ClientOutcome.Status.FAILED, 0, null,
          "the executor rejected the client: " + e, 0, Duration.ZERO, false);
      failed.incrementAndGet();
      task.complete(null);
    }
    return task;
  }

  /** One client, with its retries; runs on a worker thread. */
  private ClientOutcome runClient(Run run, DirectoryEntry entry, int wave) {
    synchronized (workers) {
      workers.add(Thread.currentThread());
    }
    long startNanos = System.nanoTime();
    try {
      ClientOutcome outcome = attempts(run, entry, wave, startNanos);
      if (outcome.status() != ClientOutcome.Status.CANCELLED) {
        record(() -> run.journal.clientDone(outcome));
      }
      tell(listener -> listener.clientFinished(outcome));
      return outcome;
    } finally {
      synchronized (workers) {
        workers.remove(Thread.currentThread());
        if (cancelled) {
          Thread.interrupted();
        }
      }
    }
  }

  private ClientOutcome attempts(Run run, DirectoryEntry entry, int wave, long startNanos) {
    if (run.missing.contains(entry.id())) {
      return outcome(entry, wave, ClientOutcome.Status.FAILED, 0, null,
          "the journal's plan names this client but the directory no longer lists it", 0, startNanos);
    }
    long bytes = 0;
    for (int attempt = 1; ; attempt++) {
      int number = attempt;
      tell(listener -> listener.clientStarted(entry.id(), wave, number));
      UpdateReport report = session.update(entry.client(), new Hooks(run, entry, attempt));
      bytes += report.bytesTransferred();
      if (report.succeeded()) {
        return outcome(entry, wave, report.updatedCount() > 0 ? ClientOutcome.Status.UPDATED : ClientOutcome.Status.UP_TO_DATE,
            attempt, null, null, bytes, startNanos);
      }
      Failure failure = Failure.of(report);
      if (cancelled) {
        return outcome(entry, wave, ClientOutcome.Status.CANCELLED, attempt, failure.step, CANCELLED_REASON,
            bytes, startNanos);
      }
      if (attempt >= retries.maxAttempts() || failure.step == Step.PLAN) {
        return outcome(entry, wave, ClientOutcome.Status.FAILED, attempt, failure.step, failure.reason, bytes, startNanos);
      }
      Duration backoff = retries.backoffAfter(attempt);
      tell(listener -> listener.clientRetrying(entry.id(), number, backoff, failure.reason));
      try {
        sleeper.sleep(backoff);
        if (!awaitRunning()) {
          throw new InterruptedException();
        }
      } catch (InterruptedException e) {
        return outcome(entry, wave, ClientOutcome.Status.CANCELLED, attempt, failure.step, CANCELLED_REASON,
            bytes, startNanos);
      }
    }
  }

  private static ClientOutcome outcome(DirectoryEntry entry, int wave, ClientOutcome.Status status, int attempts,
      Step step, String reason, long bytes, long startNanos) {
    return new ClientOutcome(entry.id(), entry.group(), wave, status, attempts, step, reason, bytes,
        Duration.ofNanos(System.nanoTime() - startNanos), false);
  }

  /** The step and reason of a failed client report: the client's own, or its first failed file's. */
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
      return error.getMessage() == null ? error.getClass().getSimpleName()
          : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
  }

  private WaveReport.Decision decide(List<ClientOutcome> results, int size) {
    if (cancelled && results.stream().anyMatch(result -> !result.fromJournal()
        && (result.status() == ClientOutcome.Status.CANCELLED || result.status() == ClientOutcome.Status.NOT_STARTED))) {
      return WaveReport.Decision.CANCELLED;
    }
    if (plan.exceedsErrorLimit(countFailed(results), size)) {
      return WaveReport.Decision.HALTED_ERROR_LIMIT;
    }
    if (count(results, true) < plan.successThreshold() * size) {
      return WaveReport.Decision.HALTED_BELOW_THRESHOLD;
    }
    return WaveReport.Decision.PASSED;
  }

  private String reasonFor(WaveReport.Decision decision, List<ClientOutcome> results, int size) {
    int succeeded = count(results, true);
    int failed = countFailed(results);
    return switch (decision) {
      case PASSED -> String.format(Locale.ROOT, "%d of %d succeeded; %.0f%% needed", succeeded, size, plan.successThreshold() * 100);
      case HALTED_ERROR_LIMIT -> String.format(Locale.ROOT, "%d of %d failed, over the error limit of %.0f%%",
          failed, size, plan.errorLimit() * 100);
      case HALTED_BELOW_THRESHOLD -> String.format(Locale.ROOT, "only %d of %d succeeded; %.0f%% needed",
          succeeded, size, plan.successThreshold() * 100);
      case CANCELLED -> CANCELLED_REASON;
      case NOT_RUN -> "not run";
    };
  }

  private static int count(List<ClientOutcome> results, boolean succeeded) {
    return (int) results.stream().filter(result -> result.status().succeeded() == succeeded).count();
  }

  private static int countFailed(List<ClientOutcome> results) {
    return (int) results.stream().filter(result -> result.status() == ClientOutcome.Status.FAILED).count();
  }

  /** Waits while paused; tells whether the campaign may go on (it is not cancelled). */
  private boolean awaitRunning() throws InterruptedException {
    synchronized (workers) {
      while (paused && !cancelled) {
        workers.wait();
      }
      return !cancelled;
    }
  }

  /** A journal write that, failing, stops the campaign: nothing may be acted on unrecorded. */
  @FunctionalInterface
  private interface Record {
    void write() throws IOException;
  }

  private void record(Record write) {
    try {
      write.write();
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      journalFailed(e);
    }
  }

  private void journalFailed(IOException e) {
    if (journalFailure == null) {
      journalFailure = e;
      LOG.error("Campaign journal failed; cancelling the campaign", e);
    }
    cancel();
  }

  private void tell(Consumer<CampaignListener> event) {
    for (CampaignListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("Campaign listener {} failed; the campaign goes on", listener.getClass().getName(), e);
      }
    }
  }

  private static String fingerprint(Catalog catalog) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
    for (CatalogEntry entry : catalog.entries()) {
      sha256.update((entry.name() + "\n" + entry.version() + "\n" + entry.sha256().hex() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static ExecutorService newPool(int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "patchbay-campaign-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * The campaign's hooks around one attempt at one client: waits for the window, records each
   * step in the journal before it is acted on, holds a transfer slot, shapes the bytes.
   */
  private final class Hooks implements StepHooks {
    private final Run run;
    private final DirectoryEntry entry;
    private final int attempt;
    private Instant transferStarted;

    Hooks(Run run, DirectoryEntry entry, int attempt) {
      this.run = run;
      this.entry = entry;
      this.attempt = attempt;
    }

    @Override
    public void beforeStep(Client client, Step step, CatalogEntry file) throws IOException {
      switch (step) {
        case INTERROGATE -> {
          awaitWindow(0);
          journal(step, null);
        }
        case TRANSFER -> {
          takeTransferSlot(file.size());
          try {
            journal(step, file.name());
          } catch (IOException | RuntimeException e) {
            transferSlots.release();
            throw e;
          }
          transferStarted = clock.instant();
        }
        case CONFIRM -> journal(step, null);
        default -> {
          // Fetching touches only the gateway and the head end: nothing to record or wait for.
        }
      }
    }

    @Override
    public void afterStep(Client client, Step step, CatalogEntry file, long bytes, Throwable failure) {
      if (step == Step.TRANSFER) {
        transferSlots.release();
        if (failure == null) {
          rate.record(bytes, Duration.between(transferStarted, clock.instant()));
        }
      }
    }

    @Override
    public InputStream transferring(Client client, CatalogEntry file, InputStream bytes) {
      return budget == null ? bytes : budget.throttle(bytes);
    }

    private void journal(Step step, String fileName) throws IOException {
      try {
        run.journal.step(entry.id(), step, fileName, attempt);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        journalFailed(e);
        throw e;
      }
    }

    private void takeTransferSlot(long size) throws IOException {
      while (true) {
        awaitWindow(size);
        try {
          transferSlots.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("Interrupted while waiting for a transfer slot");
        }
        if (waitFor(size).isEmpty()) {
          return;
        }
        // The window closed (or shrank below the transfer) while this client waited for a slot.
        transferSlots.release();
      }
    }

    /** Waits until the client's window is open, and long enough for {@code bytes} at the measured rate. */
    private void awaitWindow(long bytes) throws IOException {
      for (Optional<Instant> until = waitFor(bytes); until.isPresent(); until = waitFor(bytes)) {
        Instant opening = until.get();
        tell(listener -> listener.clientWaiting(entry.id(), opening));
        try {
          sleeper.sleep(Duration.between(clock.instant(), opening));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("Interrupted while waiting for the maintenance window");
        }
      }
    }

    /** When to try again, or empty if the transfer of {@code bytes} may start now. */
    private Optional<Instant> waitFor(long bytes) {
      MaintenanceWindow window = windows.get(entry.group());
      if (window == null) {
        return Optional.empty();
      }
      Instant now = clock.instant();
      Duration needed = rate.timeFor(bytes);
      Optional<Instant> closes = window.closingIfOpen(now);
      if (closes.isPresent() && !now.plus(needed).isAfter(closes.get())) {
        return Optional.empty();
      }
      Instant next = window.nextOpening(now.plusNanos(1));
      Duration length = window.length(next);
      if (needed.compareTo(length) > 0) {
        throw new MaintenanceWindowException(entry.id(), bytes, needed, length);
      }
      return Optional.of(next);
    }
  }

  /** Configures a {@link Campaign}; not thread-safe. */
  public static final class Builder {
    private ClientDirectory directory;
    private UpdateOrchestrator orchestrator;
    private WavePlan plan = WavePlan.defaults();
    private final Map<String, MaintenanceWindow> windows = new LinkedHashMap<>();
    private int maxConcurrentClients = 8;
    private int maxConcurrentTransfers;
    private long bytesPerSecond;
    private ClientRetries retries = ClientRetries.NONE;
    private Path journal;
    private final List<CampaignListener> listeners = new ArrayList<>();
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /** Where the clients come from. Required. */
    public Builder directory(ClientDirectory directory) {
      this.directory = Objects.requireNonNull(directory);
      return this;
    }

    /**
     * What updates each client: its catalog, transports, policy, artifact store (give it an {@link
     * io.patchbay.fetch.ArtifactCache} to keep downloads across a restart), step deadlines and
     * confirmation. Required.
     */
    public Builder orchestrator(UpdateOrchestrator orchestrator) {
      this.orchestrator = Objects.requireNonNull(orchestrator);
      return this;
    }

    /** The waves and their thresholds; defaults to {@link WavePlan#defaults()}. */
    public Builder plan(WavePlan plan) {
      this.plan = Objects.requireNonNull(plan);
      return this;
    }

    /** Updates the clients of {@code group} only inside {@code window}; other groups are not limited. */
    public Builder window(String group, MaintenanceWindow window) {
      windows.put(Objects.requireNonNull(group), Objects.requireNonNull(window));
      return this;
    }

    /** How many clients are worked on at once; defaults to 8. */
    public Builder maxConcurrentClients(int clients) {
      this.maxConcurrentClients = requirePositive(clients, "maxConcurrentClients");
      return this;
    }

    /** How many transfers run at once, across clients; defaults to no limit beyond the clients'. */
    public Builder maxConcurrentTransfers(int transfers) {
      this.maxConcurrentTransfers = requirePositive(transfers, "maxConcurrentTransfers");
      return this;
    }

    /** The LAN bandwidth budget, in bytes per second, shared by all transfers; defaults to none. */
    public Builder bandwidthBudget(long bytesPerSecond) {
      if (bytesPerSecond <= 0) {
        throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
      }
      this.bytesPerSecond = bytesPerSecond;
      return this;
    }

    /** How failed clients are retried; defaults to {@link ClientRetries#NONE}. */
    public Builder retries(ClientRetries retries) {
      this.retries = Objects.requireNonNull(retries);
      return this;
    }

    /** Journals the campaign in {@code file}, created if missing, so that it survives a crash. */
    public Builder journal(Path file) {
      this.journal = Objects.requireNonNull(file);
      return this;
    }

    /** Adds a listener; listeners are told in the order added. */
    public Builder listener(CampaignListener listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /**
     * Runs clients on {@code executor}, which the campaign never shuts down; it must offer at least
     * {@code maxConcurrentClients} threads. Without one, the campaign uses a pool of its own.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      return this;
    }

    /** The clock for windows, the bandwidth budget and rates; defaults to the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How the campaign waits (windows, budget, backoff); defaults to {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /**
     * Builds the campaign.
     *
     * @throws NullPointerException if the directory or the orchestrator is missing
     */
    public Campaign build() {
      return new Campaign(this);
    }

    private static int requirePositive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1: " + value);
      }
      return value;
    }
  }
}
