package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.report.Step;
import io.patchbay.update.Sleeper;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.update.UpdateSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls one catalog out over a fleet: clients from a {@link ClientDirectory}, in waves of a {@link
 * WavePlan} (a canary first), each client updated by an {@link UpdateOrchestrator}'s session within
 * its group's {@link MaintenanceWindow}, under limits on concurrent clients and transfers and a
 * shared {@link BandwidthBudget}, with retries. With a journal, every step is on disk before it is
 * acted on, and a gateway killed at any moment resumes the campaign when {@link #run()} is called
 * again with the same journal: confirmed clients are not touched again, clients in flight are
 * interrogated and planned again from their real state. With a {@link CampaignStore} that several
 * gateway processes share, each of them runs the campaign as one worker: it leases the clients it
 * updates, and every wave's verdict is taken once for all of them.
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

  // The facade: it keeps the configuration and wires one run's parts, each a class of its own:
  // WaveLayout (which clients in which wave), WaveRunner (the waves, with their WaveVerdict),
  // ClientAttempts (one client with its retries, through CampaignHooks), WindowGate (windows and
  // transfer slots), CampaignControl (pause and cancel), JournalWrites (what a failed write does)
  // and CampaignEvents (the listeners).

  private final ClientDirectory directory;
  private final UpdateOrchestrator orchestrator;
  private final WavePlan plan;
  private final int maxConcurrentClients;
  private final BandwidthBudget budget;
  private final ClientRetries retries;
  private final CampaignStore store;
  private final Executor executor;
  private final Clock clock;
  private final Sleeper sleeper;
  private final CampaignEvents events;
  private final WindowGate gate;

  private final AtomicBoolean ran = new AtomicBoolean();
  private final CampaignControl control = new CampaignControl();
  private volatile CampaignState shared;

  private Campaign(Builder builder) {
    this.directory = Objects.requireNonNull(builder.directory, "directory");
    this.orchestrator = Objects.requireNonNull(builder.orchestrator, "orchestrator");
    this.plan = builder.plan;
    this.maxConcurrentClients = builder.maxConcurrentClients;
    this.budget =
        builder.bytesPerSecond == 0
            ? null
            : new BandwidthBudget(builder.bytesPerSecond, builder.clock, builder.sleeper);
    this.retries = builder.retries;
    this.store = builder.store;
    this.executor = builder.executor;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.events = new CampaignEvents(builder.listeners);
    this.gate =
        new WindowGate(
            builder.windows,
            builder.maxConcurrentTransfers,
            new TransferRate(builder.bytesPerSecond),
            builder.clock,
            builder.sleeper,
            events);
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
      throw new IllegalStateException(
          "A campaign runs once; build another, with the same journal to resume");
    }
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    List<DirectoryEntry> entries = uniqueIds(directory.clients());
    ExecutorService ownPool =
        executor == null
            ? Executors.newFixedThreadPool(
                maxConcurrentClients, DaemonThreads.numbered("patchbay-campaign"))
            : null;
    try (CampaignState state = store == null ? JournalState.disabled() : store.open();
        UpdateSession session = orchestrator.openSession()) {
      control.attach(session);
      shared = state;
      state.watch(this::obey);
      WaveLayout layout = WaveLayout.of(plan, entries, session.catalog(), state);
      events.tell(
          listener ->
              listener.campaignStarted(
                  session.catalog().serial(), layout.sizes(), layout.resumed()));
      JournalWrites writes = new JournalWrites(state, control);
      ClientAttempts clients =
          new ClientAttempts(
              session, retries, layout.missing(), control, writes, events, gate, budget, sleeper);
      WaveRunner waves =
          new WaveRunner(
              plan,
              maxConcurrentClients,
              executor != null ? executor : ownPool,
              writes,
              state.pollInterval(),
              control,
              events,
              gate,
              clients);
      CampaignReport report = waves.run(layout.waves(), started, startNanos, session);
      writes.throwIfFailed();
      events.tell(listener -> listener.campaignFinished(report));
      return report;
    } finally {
      shared = null;
      control.detach();
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
        throw new ClientDirectoryException(
            "client directory", 0, 0, "duplicate client id " + Untrusted.quote(entry.id()), null);
      }
    }
    return List.copyOf(entries);
  }

  /**
   * Stops starting clients (and retries, and waves) until {@link #resume()}; clients in progress go
   * on. With a shared store, every worker of the campaign pauses. May block while it tells them.
   */
  public void pause() {
    obey(CampaignState.Command.PAUSE);
    share(CampaignState.Command.PAUSE);
  }

  /** Lets a paused campaign start clients again; with a shared store, on every worker. */
  public void resume() {
    obey(CampaignState.Command.RESUME);
    share(CampaignState.Command.RESUME);
  }

  /** Carries out a command given here or by another worker. */
  private void obey(CampaignState.Command command) {
    switch (command) {
      case PAUSE -> {
        control.pause();
        events.tell(CampaignListener::campaignPaused);
      }
      case RESUME -> {
        control.resume();
        events.tell(CampaignListener::campaignResumed);
      }
      case CANCEL -> control.cancel();
    }
  }

  /**
   * Tells the other workers. A failure to tell them does not undo the command here: it is logged,
   * and the operator can give it again, from any worker or from the store's own tools.
   */
  private void share(CampaignState.Command command) {
    CampaignState state = shared;
    if (state == null) {
      return;
    }
    try {
      state.share(command);
    } catch (IOException e) {
      if (e instanceof InterruptedIOException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn("Could not pass {} on to the campaign's other workers", command, e);
    }
  }

  /**
   * Cancels the campaign: no client starts any more, clients in progress are interrupted and
   * reported cancelled, and {@link #run()} returns a report in state {@link
   * CampaignReport.State#CANCELLED}. Running the campaign again with its journal resumes it. With a
   * shared store, every worker of the campaign is cancelled. Idempotent.
   */
  public void cancel() {
    obey(CampaignState.Command.CANCEL);
    share(CampaignState.Command.CANCEL);
  }

  /**
   * Pauses this worker only, as {@link #pause()} does here, without telling the campaign's other
   * workers: what a gateway that is shutting down does while its clients in progress finish.
   */
  public void pauseHere() {
    obey(CampaignState.Command.PAUSE);
  }

  /**
   * Cancels this worker only, as {@link #cancel()} does here, without telling the campaign's other
   * workers: a gateway that shuts down leaves a shared campaign to the others (its clients' leases
   * lapse and are taken over), and runs it again, with its journal or store, to resume.
   */
  public void cancelHere() {
    obey(CampaignState.Command.CANCEL);
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
    private CampaignStore store;
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

    /**
     * Updates the clients of {@code group} only inside {@code window}; other groups are not
     * limited.
     */
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

    /**
     * Journals the campaign in {@code file}, created if missing, so that it survives a crash: the
     * same as {@code store(CampaignStore.journal(file))}.
     */
    public Builder journal(Path file) {
      return store(CampaignStore.journal(file));
    }

    /**
     * Keeps the campaign's state in {@code store}, so that it survives a crash; with a store that
     * several gateway processes share, each of them runs the same campaign as one of its workers.
     * Without a store (and without a {@link #journal}), the campaign records nothing.
     */
    public Builder store(CampaignStore store) {
      this.store = Objects.requireNonNull(store);
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
