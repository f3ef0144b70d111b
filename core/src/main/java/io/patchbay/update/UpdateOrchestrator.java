package io.patchbay.update;

import io.patchbay.PatchbayException;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.fetch.Artifact;
import io.patchbay.fetch.ArtifactStore;
import io.patchbay.internal.concurrent.BoundedFanOut;
import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.InvalidCatalogException;
import io.patchbay.plan.Planner;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.transfer.Transferer;
import io.patchbay.version.VersionSchemes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates clients from a head end: for each client it interrogates, plans, fetches every needed
 * artifact once into the gateway and verifies it against the catalog, transfers it, interrogates
 * again to confirm, and reports.
 *
 * <p>Built once with {@link #builder()} and reused; thread-safe. A run never throws for what a
 * client, the head end or the network did: every failure is in the report, at the step where it
 * happened, and one file's failure does not stop the others. Interrupting the calling thread
 * cancels the run: work in progress stops, the remaining files and clients are reported cancelled,
 * and the thread's interrupt status is set again when the report is returned.
 *
 * <pre>{@code
 * UpdateOrchestrator gateway = UpdateOrchestrator.builder()
 *     .catalog(verifier.guard(catalogUri, headEnd))
 *     .transports(Transports.load())
 *     .listener(new LoggingUpdateListener())
 *     .build();
 * FleetReport report = gateway.updateAll(clients);
 * }</pre>
 *
 * <p>Fails closed: a catalog that no {@code io.patchbay.trust.CatalogVerifier} accepted fails the
 * run with {@link UnsignedCatalogException} unless the builder {@linkplain Builder#allowUnsigned()
 * allows it}. A verified catalog's proofs travel with each artifact ({@link Artifact#proof()}), so
 * devices can check the head end's signature themselves.
 *
 * <p>A caller that decides itself which client to update when, such as a campaign rolling out in
 * waves, opens an {@link UpdateSession} instead and updates clients one at a time with its own
 * {@link StepHooks} around their steps.
 */
public final class UpdateOrchestrator {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateOrchestrator.class);

  private final CentralCatalog catalog;
  private final ClientInterrogator interrogator;
  private final Transferer transferer;
  private final VersionSchemes schemes;
  private final UpdatePolicy policy;
  private final UpdateListener listener;
  private final Executor executor;
  private final int maxConcurrentClients;
  private final ArtifactStore store;
  private final StepDeadline deadline;
  private final Clock clock;
  private final Confirmation confirmation;
  private final Sleeper sleeper;
  private final boolean allowUnsigned;

  private UpdateOrchestrator(Builder builder) {
    this.catalog = Objects.requireNonNull(builder.catalog, "catalog");
    this.interrogator =
        Objects.requireNonNull(builder.interrogator, "interrogator (or transports)");
    this.transferer = Objects.requireNonNull(builder.transferer, "transferer (or transports)");
    this.schemes = builder.schemes;
    this.policy = builder.policy;
    this.listener = new GuardedListeners(builder.listeners);
    this.executor = builder.executor;
    this.maxConcurrentClients = builder.maxConcurrentClients;
    this.store = builder.store;
    this.deadline = new StepDeadline(builder.stepTimeout, builder.stepTimeouts);
    this.clock = builder.clock;
    this.confirmation = builder.confirmation;
    this.sleeper = builder.sleeper;
    this.allowUnsigned = builder.allowUnsigned;
  }

  /** Starts configuring an orchestrator. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Updates one client. Blocks until it is done; see the class description for failures and
   * cancellation.
   */
  public UpdateReport update(Client client) {
    return updateAll(List.of(client)).clients().get(0);
  }

  /**
   * Updates many clients, at most {@code maxConcurrentClients} at a time on the configured
   * executor, against one catalog fetched once; an artifact needed by many clients is downloaded
   * once. Blocks until every client is done.
   *
   * @return one report per client, in the order given
   */
  public FleetReport updateAll(Collection<Client> clients) {
    List<Client> fleet = List.copyOf(clients);
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    CountingCatalog source = new CountingCatalog(catalog);
    Catalog current;
    try {
      current = fetchCatalog(source);
    } catch (Exception e) {
      return finish(
          started,
          startNanos,
          fleet.stream().map(client -> notStarted(client, Step.CATALOG, e)).toList(),
          null);
    }
    listener.catalogFetched(current);
    UpdateSession session;
    try {
      session = UpdateSession.open(this, current, source, store);
    } catch (IOException e) {
      return finish(
          started,
          startNanos,
          fleet.stream().map(client -> notStarted(client, Step.FETCH, e)).toList(),
          null);
    }
    try {
      return finish(started, startNanos, runAll(fleet, session), session);
    } finally {
      try {
        session.close();
      } catch (IOException e) {
        // The run's outcome stands; only temporary files are left behind.
        LOG.warn("Could not delete the run's temporary artifacts", e);
      }
    }
  }

  /**
   * Fetches and checks the head end's catalog once and opens a session in which the caller updates
   * clients one at a time, against that catalog and one artifact store. The caller closes the
   * session.
   *
   * @throws IOException if the head end cannot be reached, or the session's temporary store cannot
   *     be created
   * @throws InvalidCatalogException listing every version the schemes refuse
   * @throws io.patchbay.PatchbayException if the catalog is otherwise invalid
   */
  public UpdateSession openSession() throws IOException {
    CountingCatalog source = new CountingCatalog(catalog);
    Catalog current = fetchCatalog(source);
    listener.catalogFetched(current);
    return UpdateSession.open(this, current, source, store);
  }

  /**
   * Interrogates {@code client} and plans its update against the current catalog, changing nothing.
   *
   * @throws IOException if the head end or the client cannot be reached
   * @throws io.patchbay.PatchbayException if the catalog or the client's answer is invalid
   */
  public UpdatePlan plan(Client client) throws IOException {
    Catalog current = fetchCatalog(catalog);
    return Planner.plan(client, interrogator.interrogate(client), current, schemes, policy);
  }

  private FleetReport finish(
      Instant started, long startNanos, List<UpdateReport> reports, UpdateSession session) {
    FleetReport report =
        new FleetReport(
            started,
            Duration.ofNanos(System.nanoTime() - startNanos),
            reports,
            session == null ? 0 : session.artifactsFetched(),
            session == null ? 0 : session.bytesFetched(),
            session == null ? 0 : session.artifactsReused());
    listener.runFinished(report);
    return report;
  }

  private Catalog fetchCatalog(CentralCatalog source) throws IOException {
    Catalog current = deadline.run("(head end)", Step.CATALOG, source::fetch);
    if (!current.isVerified() && !allowUnsigned) {
      throw new UnsignedCatalogException();
    }
    // Checking every version once here means a bad catalog fails the run up front, and a plan's
    // INVALID_VERSION can only be the client's fault. All problems are reported, not just the
    // first,
    // so the head end's vendor can fix them in one go.
    List<PatchbayException> problems = current.versionProblems(schemes);
    if (!problems.isEmpty()) {
      throw new InvalidCatalogException(null, problems);
    }
    return current;
  }

  private List<UpdateReport> runAll(List<Client> fleet, UpdateSession session) {
    int threads = Math.max(1, Math.min(maxConcurrentClients, fleet.size()));
    ExecutorService ownPool =
        executor == null
            ? Executors.newFixedThreadPool(threads, DaemonThreads.numbered("patchbay-client"))
            : null;
    BoundedFanOut workers =
        new BoundedFanOut(executor != null ? executor : ownPool, maxConcurrentClients);
    List<CompletableFuture<UpdateReport>> pending = new ArrayList<>(fleet.size());
    try {
      for (Client client : fleet) {
        workers.awaitSlot();
        // Only an Error escapes an update, and the session told the listeners of it already:
        // still do not leave the run waiting for the client's report.
        pending.add(
            workers.submit(
                () -> session.update(client),
                thrown -> failed(client, Step.INTERROGATE, thrown),
                rejected -> notStarted(client, Step.INTERROGATE, rejected)));
      }
      for (CompletableFuture<UpdateReport> report : pending) {
        report.get();
      }
    } catch (InterruptedException e) {
      session.cancel();
      awaitUninterruptibly(pending);
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Client tasks complete normally", e);
    } finally {
      if (ownPool != null) {
        ownPool.shutdown();
      }
    }
    List<UpdateReport> reports = new ArrayList<>(fleet.size());
    for (int i = 0; i < fleet.size(); i++) {
      reports.add(
          i < pending.size()
              ? pending.get(i).join()
              : notStarted(
                  fleet.get(i),
                  Step.INTERROGATE,
                  new CancellationException("Run cancelled before this client started")));
    }
    return reports;
  }

  UpdateReport notStarted(Client client, Step step, Throwable error) {
    UpdateReport report = failed(client, step, error);
    listener.clientFinished(report);
    return report;
  }

  private UpdateReport failed(Client client, Step step, Throwable error) {
    return new UpdateReport(client, clock.instant(), Duration.ZERO, null, List.of(), step, error);
  }

  private static void awaitUninterruptibly(List<CompletableFuture<UpdateReport>> pending) {
    for (CompletableFuture<UpdateReport> report : pending) {
      report.join();
    }
  }

  ClientInterrogator interrogator() {
    return interrogator;
  }

  Transferer transferer() {
    return transferer;
  }

  VersionSchemes schemes() {
    return schemes;
  }

  UpdatePolicy policy() {
    return policy;
  }

  UpdateListener listener() {
    return listener;
  }

  StepDeadline deadline() {
    return deadline;
  }

  Clock clock() {
    return clock;
  }

  Confirmation confirmation() {
    return confirmation;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  /** How a client's update is confirmed; {@code retries} further interrogations after the first. */
  record Confirmation(Duration settleDelay, int retries, Duration retryInterval) {
    static final Confirmation IMMEDIATE = new Confirmation(Duration.ZERO, 0, Duration.ZERO);
  }

  /** Configures an {@link UpdateOrchestrator}; not thread-safe. */
  public static final class Builder {

    private CentralCatalog catalog;
    private ClientInterrogator interrogator;
    private Transferer transferer;
    private VersionSchemes schemes = VersionSchemes.defaults();
    private UpdatePolicy policy = UpdatePolicy.defaults();
    private final List<UpdateListener> listeners = new ArrayList<>();
    private Executor executor;
    private int maxConcurrentClients = 4;
    private ArtifactStore store;
    private Duration stepTimeout = Duration.ofMinutes(30);
    private final Map<Step, Duration> stepTimeouts = new EnumMap<>(Step.class);
    private Clock clock = Clock.systemUTC();
    private Confirmation confirmation = Confirmation.IMMEDIATE;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private boolean allowUnsigned;

    private Builder() {}

    /**
     * Uses catalogs that no verifier accepted, which by default fail the run at its {@code CATALOG}
     * step with {@link UnsignedCatalogException} before any client is contacted. For labs and tests
     * only: an unsigned catalog is whatever the network delivered.
     */
    public Builder allowUnsigned() {
      this.allowUnsigned = true;
      return this;
    }

    /** The head end to update from. Required. */
    public Builder catalog(CentralCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog);
      return this;
    }

    /** How clients are interrogated. Required unless {@link #transports(Transports)} is set. */
    public Builder interrogator(ClientInterrogator interrogator) {
      this.interrogator = Objects.requireNonNull(interrogator);
      return this;
    }

    /** How files reach clients. Required unless {@link #transports(Transports)} is set. */
    public Builder transferer(Transferer transferer) {
      this.transferer = Objects.requireNonNull(transferer);
      return this;
    }

    /** Interrogates and transfers through the transport of each client's endpoint scheme. */
    public Builder transports(Transports transports) {
      this.interrogator = transports.interrogator();
      this.transferer = transports.transferer();
      return this;
    }

    /** The version schemes catalogs may name; defaults to {@link VersionSchemes#defaults()}. */
    public Builder versionSchemes(VersionSchemes schemes) {
      this.schemes = Objects.requireNonNull(schemes);
      return this;
    }

    /** The operator's rules; defaults to {@link UpdatePolicy#defaults()}. */
    public Builder policy(UpdatePolicy policy) {
      this.policy = Objects.requireNonNull(policy);
      return this;
    }

    /** Adds a listener; listeners are told in the order added. */
    public Builder listener(UpdateListener listener) {
      this.listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /**
     * Runs clients on {@code executor}, such as {@code Executors.newVirtualThreadPerTaskExecutor()}
     * on Java 21. The orchestrator never shuts it down. Without one, each run uses a pool of its
     * own of {@code maxConcurrentClients} threads.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      return this;
    }

    /** How many clients are updated at once; defaults to 4. */
    public Builder maxConcurrentClients(int maxConcurrentClients) {
      if (maxConcurrentClients < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentClients must be at least 1: " + maxConcurrentClients);
      }
      this.maxConcurrentClients = maxConcurrentClients;
      return this;
    }

    /**
     * Keeps artifacts in {@code store}, which outlives runs and is not closed by the orchestrator.
     * Without one, each run spools artifacts to a temporary directory that it deletes at its end.
     */
    public Builder artifactStore(ArtifactStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /**
     * The longest one step (catalog fetch, interrogation, one artifact's fetch or transfer,
     * confirmation) may take before the step is failed: its I/O is aborted through the step's
     * {@link io.patchbay.spi.AbortSignal} and its thread interrupted. Defaults to 30 minutes. A
     * backstop: transports apply their own, finer I/O timeouts.
     */
    public Builder stepTimeout(Duration stepTimeout) {
      this.stepTimeout = requirePositive(stepTimeout, "stepTimeout");
      return this;
    }

    /**
     * The longest {@code step} may take, overriding {@link #stepTimeout(Duration)} for that step:
     * an interrogation may deserve seconds where a transfer of a large image deserves minutes. A
     * client that stops answering fails with a {@link StepTimeoutException} naming the step.
     */
    public Builder stepTimeout(Step step, Duration timeout) {
      stepTimeouts.put(Objects.requireNonNull(step, "step"), requirePositive(timeout, "timeout"));
      return this;
    }

    /**
     * How a client's update is confirmed: wait {@code settleDelay} after the last transfer (for a
     * client that reboots to activate what it received), interrogate, and if the client does not
     * answer or does not yet report every new version, interrogate again up to {@code retries}
     * times, {@code retryInterval} apart. Defaults to one interrogation at once.
     */
    public Builder confirmation(Duration settleDelay, int retries, Duration retryInterval) {
      if (settleDelay.isNegative() || retryInterval.isNegative() || retries < 0) {
        throw new IllegalArgumentException(
            "Confirmation delays and retries must not be negative: "
                + settleDelay
                + ", "
                + retries
                + ", "
                + retryInterval);
      }
      this.confirmation = new Confirmation(settleDelay, retries, retryInterval);
      return this;
    }

    /** How the orchestrator waits (confirmation delays); defaults to {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    private static Duration requirePositive(Duration duration, String what) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + duration);
      }
      return duration;
    }

    /** The clock for report timestamps; defaults to the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Builds the orchestrator.
     *
     * @throws NullPointerException if the catalog, interrogator or transferer is missing
     */
    public UpdateOrchestrator build() {
      return new UpdateOrchestrator(this);
    }
  }
}
