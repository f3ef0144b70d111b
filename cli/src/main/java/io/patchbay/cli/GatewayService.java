package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.CampaignStore;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.model.Catalog;
import io.patchbay.spi.Transports;
import io.patchbay.trust.SerialStore;
import io.patchbay.update.UpdateListener;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's service loop: every poll interval it fetches the head end's catalog (a conditional
 * GET: an unchanged catalog costs a 304), and runs a {@link Campaign} over the clients that have
 * not had this catalog yet, journalled in the state directory so that a restarted gateway resumes
 * it. A catalog with a new serial starts over with every client; clients added to the clients file
 * later get a campaign of their own on the next pass.
 *
 * <p>{@link #run()} blocks on the thread that calls it; {@link #wake()}, {@link
 * #shutdown(Duration)} and {@link #abort()} are called from others (the signal handlers). Between
 * passes the loop waits on a monitor that a wake-up or a shutdown notifies, with a deadline of its
 * own, so it neither spins nor sleeps past either.
 */
final class GatewayService {

  /** How long a cancelled campaign has to return and close its journal, after the grace. */
  static final Duration CANCEL_BOUND = Duration.ofSeconds(10);

  private final GatewayConfig config;
  private final CentralCatalog headEnd;
  private final UpdateOrchestrator orchestrator;
  private final GatewayClients clients;
  private final GatewayStatus status;
  private final List<CampaignListener> listeners;
  private final ExecutorService clientThreads;
  private final Path journals;
  private final PrintWriter log;
  private final Clock clock = Clock.systemUTC();

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Object lock = new Object();

  /** The campaign running now, if any; guarded by {@link #lock}. */
  private Campaign current;

  /** Whether a shutdown began: no campaign starts after it; guarded by {@link #lock}. */
  private boolean stopping;

  /** Whether a shutdown is to end without waiting for clients; guarded by {@link #lock}. */
  private boolean aborted;

  /** Whether a pass is due before the poll interval ends; guarded by {@link #lock}. */
  private boolean woken;

  // Used by the loop's thread only.
  private long coveredSerial = -1;
  private final Set<String> covered = new HashSet<>();

  private GatewayService(
      GatewayConfig config,
      HeadEndAccess headEnd,
      UpdateOrchestrator orchestrator,
      GatewayStatus status,
      List<CampaignListener> listeners,
      PrintWriter log)
      throws IOException {
    this.config = config;
    this.headEnd = headEnd.catalog();
    this.orchestrator = orchestrator;
    this.clients = new GatewayClients(config.clients(), this::say);
    this.status = status;
    this.listeners = listeners;
    this.clientThreads =
        Executors.newFixedThreadPool(
            config.limits().maxClients(), DaemonThreads.numbered("patchbay-gateway-client"));
    this.journals = Files.createDirectories(config.stateDir().resolve("journal"));
    this.log = log;
  }

  /**
   * A gateway as {@code config} says, reaching the head end and clients through {@code transports},
   * telling {@code metrics} (an update and campaign listener) what it does.
   *
   * @throws IOException if the state directory or a trusted key cannot be read
   */
  static <M extends UpdateListener & CampaignListener> GatewayService create(
      GatewayConfig config, Transports transports, GatewayStatus status, M metrics, PrintWriter log)
      throws IOException {
    GatewayConfig.HeadEnd head = config.headEnd();
    Path state = Files.createDirectories(config.stateDir());
    HeadEndAccess headEnd =
        HeadEndAccess.open(
            transports,
            head.catalog(),
            head.trust().isEmpty()
                ? null
                : HeadEndAccess.verifier(
                    head.trust(),
                    head.threshold(),
                    head.repository(),
                    !head.allowNoExpiry(),
                    SerialStore.directory(state.resolve("trust"))),
            head.allowUnsigned());
    UpdateOrchestrator orchestrator =
        headEnd
            .orchestrator(transports)
            .artifactStore(ArtifactCache.open(state.resolve("cache"), config.limits().cacheSize()))
            .listener(metrics)
            .build();
    return new GatewayService(config, headEnd, orchestrator, status, List.of(status, metrics), log);
  }

  /** Runs passes until {@link #shutdown(Duration)}; blocks. */
  void run() throws InterruptedException {
    try {
      do {
        pass();
      } while (!awaitNextPass());
    } finally {
      clientThreads.shutdown();
      finished.countDown();
    }
  }

  /**
   * Waits for the poll interval to end, or a {@link #wake()}, or a shutdown.
   *
   * @return whether the loop is to stop
   */
  private boolean awaitNextPass() throws InterruptedException {
    long deadline = System.nanoTime() + config.headEnd().pollInterval().toNanos();
    synchronized (lock) {
      for (long left = deadline - System.nanoTime(); !stopping && !woken && left > 0; ) {
        // Object.wait rounds down to whole milliseconds; wait at least one.
        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        left = deadline - System.nanoTime();
      }
      woken = false;
      return stopping;
    }
  }

  /**
   * Asks for a pass at once (SIGHUP): the catalog is fetched, and every client source read again,
   * changed or not; a wake-up during a pass makes another pass follow it at once. Does not block.
   */
  void wake() {
    say("woken: checking the head end and the client sources now");
    clients.refresh();
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  /** One pass: the catalog, then campaigns until every client listed has had it. */
  private void pass() {
    Catalog catalog;
    try {
      catalog = headEnd.fetch();
      status.catalogAccepted(catalog.serial(), clock.instant());
    } catch (IOException e) {
      status.catalogUnreachable(String.join(": ", ErrorText.lines(e)), clock.instant());
      say("head end unreachable: " + String.join(": ", ErrorText.lines(e)));
      return;
    } catch (PatchbayException e) {
      status.catalogRefused(String.join(": ", ErrorText.lines(e)), clock.instant());
      say("catalog refused: " + String.join(": ", ErrorText.lines(e)));
      return;
    }
    if (catalog.serial() != coveredSerial) {
      coveredSerial = catalog.serial();
      covered.clear();
    }
    try {
      while (campaign(catalog.serial())) {
        // Another campaign, for clients that appeared while the last one ran.
      }
    } catch (IOException | PatchbayException e) {
      // The journal keeps what was done: the next pass resumes.
      say("campaign stopped: " + String.join(": ", ErrorText.lines(e)));
    }
  }

  /**
   * Runs a campaign over the clients that have not had catalog {@code serial}.
   *
   * @return whether one ran to its end (so there may be more clients to cover)
   */
  private boolean campaign(long serial) throws IOException {
    List<DirectoryEntry> pending =
        clients.clients().stream().filter(entry -> !covered.contains(entry.id())).toList();
    if (pending.isEmpty()) {
      return false;
    }
    Campaign.Builder builder =
        Campaign.builder()
            .directory(() -> pending)
            .orchestrator(orchestrator)
            .plan(config.waves())
            .maxConcurrentClients(config.limits().maxClients())
            .executor(clientThreads)
            .store(store(serial, pending));
    config.windows().forEach(builder::window);
    if (config.limits().maxTransfers() > 0) {
      builder.maxConcurrentTransfers(config.limits().maxTransfers());
    }
    if (config.limits().bandwidth() > 0) {
      builder.bandwidthBudget(config.limits().bandwidth());
    }
    listeners.forEach(builder::listener);
    Campaign campaign = builder.build();
    synchronized (lock) {
      if (stopping) {
        return false;
      }
      current = campaign;
    }
    CampaignReport report;
    try {
      report = campaign.run();
    } finally {
      synchronized (lock) {
        current = null;
      }
    }
    say(
        String.format(
            "campaign for serial %d %s: %d clients, %d failed",
            serial,
            report.state().name().toLowerCase(Locale.ROOT),
            report.clients().size(),
            report.failures().size()));
    if (report.state() == CampaignReport.State.CANCELLED) {
      return false;
    }
    // Halted clients count as covered too: a halted rollout waits for the next catalog.
    pending.forEach(entry -> covered.add(entry.id()));
    report.clients().forEach(outcome -> covered.add(outcome.clientId()));
    return true;
  }

  /**
   * The state of a campaign: the first of a serial is {@code SERIAL}, which a restarted gateway
   * resumes (in {@code campaign-SERIAL.journal}, or as {@code NAME-SERIAL} in a shared store, where
   * every gateway of the region runs it together); the later ones, for clients added since, are
   * named for their clients, so that a restart resumes those too.
   */
  private CampaignStore store(long serial, List<DirectoryEntry> pending) throws IOException {
    String label = covered.isEmpty() ? Long.toString(serial) : serial + "-" + digest(pending);
    if (config.store().isPresent()) {
      return config.store().get().open(label, System::getenv);
    }
    return CampaignStore.journal(journals.resolve("campaign-" + label + ".journal"));
  }

  /** The first 16 hex digits of the SHA-256 of the clients' sorted ids. */
  private static String digest(List<DirectoryEntry> clients) {
    String ids = String.join("\n", clients.stream().map(DirectoryEntry::id).sorted().toList());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(ids.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /**
   * Stops taking new work: no campaign starts, the running one starts no client; clients in an
   * attempt get until {@code grace} to finish, then the campaign is cancelled (clients still in
   * progress are aborted and keep their old files) and its journal closed. Blocks until the loop
   * has ended, or {@code grace} plus {@link #CANCEL_BOUND} passed ({@link #CANCEL_BOUND} only once
   * {@link #abort()} was called).
   *
   * @return whether the loop ended, its journal written
   */
  boolean shutdown(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    Campaign campaign;
    synchronized (lock) {
      stopping = true;
      campaign = current;
      lock.notifyAll();
    }
    status.stopping();
    if (campaign != null) {
      // This gateway only: with a shared store, the others go on and take over its clients.
      campaign.pauseHere();
      if (!status.awaitNoClientWorking(deadline)) {
        say(
            abortRequested()
                ? "aborting the clients still in progress"
                : "grace period over: aborting the clients still in progress");
      }
      // A paused campaign waits for a resume; cancelled, it returns and closes its journal.
      campaign.cancelHere();
    }
    long graceLeft = abortRequested() ? 0 : Math.max(0, deadline - System.nanoTime());
    return finished.await(graceLeft + CANCEL_BOUND.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Ends a {@link #shutdown(Duration)} under way (or one still to come) without waiting for the
   * clients in progress any longer (a second SIGTERM): the campaign is cancelled at once, its
   * clients in progress are aborted and keep their old files, and its journal is closed. Does not
   * block; the shutdown returns once the loop ended.
   */
  void abort() {
    Campaign campaign;
    synchronized (lock) {
      aborted = true;
      campaign = current;
    }
    status.stopWaiting();
    if (campaign != null) {
      campaign.cancelHere();
    }
  }

  private boolean abortRequested() {
    synchronized (lock) {
      return aborted;
    }
  }

  private void say(String line) {
    synchronized (log) {
      log.println("patchbay gateway: " + line);
      log.flush();
    }
  }
}
