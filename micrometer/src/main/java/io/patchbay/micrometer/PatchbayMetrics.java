package io.patchbay.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.WaveReport;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.plan.PlannedFile;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.update.UpdateListener;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what the orchestrator and campaigns do as Micrometer meters, in the registry the embedder
 * already runs. Add it with {@code UpdateOrchestrator.Builder.listener} and, for campaigns, {@code
 * Campaign.Builder.listener}; one instance may serve both and many runs, one campaign at a time:
 * the campaign gauges, and the artifacts a campaign reused, are worked out as if no other run
 * shared the listener while a campaign runs (as in {@code patchbay gateway}).
 *
 * <p>Meters (names as Micrometer writes them; Prometheus turns dots into underscores and adds
 * {@code _total} to counters and {@code _seconds} or {@code _bytes} to units):
 *
 * <ul>
 *   <li>{@code patchbay.catalog.fetches} (counter) and {@code patchbay.catalog.serial} (gauge): the
 *       head end's catalogs accepted, and the serial of the last one;
 *   <li>{@code patchbay.client.updates} (counter, tags {@code outcome} = {@code succeeded} or
 *       {@code failed}, {@code step} = the failed step or {@code none}) and {@code
 *       patchbay.client.duration} (timer, tag {@code outcome});
 *   <li>{@code patchbay.files} (counter, tags {@code action}, {@code status}, {@code step}) and
 *       {@code patchbay.file.duration} (timer of files that moved, tag {@code status});
 *   <li>{@code patchbay.transfers.active} (gauge): files being fetched or sent now;
 *   <li>{@code patchbay.bytes.to.clients} and {@code patchbay.bytes.from.head.end} (counters,
 *       bytes), {@code patchbay.artifacts.fetched} and {@code patchbay.artifacts.reused}
 *       (counters): download once, serve many, made visible;
 *   <li>campaigns: {@code patchbay.campaign.running}, {@code patchbay.campaign.paused} and {@code
 *       patchbay.campaign.wave} (gauges), {@code patchbay.campaign.clients} (counter, tag {@code
 *       status}), {@code patchbay.campaign.retries} (counter), {@code patchbay.campaign.waves}
 *       (counter, tag {@code decision}) and {@code patchbay.campaigns} (counter, tag {@code
 *       state}).
 * </ul>
 *
 * <p>Tag values come from Patchbay's own enums, never from client ids or file names, so the number
 * of time series stays bounded however large the fleet. Thread-safe, as listeners must be.
 */
public final class PatchbayMetrics implements UpdateListener, CampaignListener {

  private final MeterRegistry registry;
  private final Counter catalogFetches;
  private final AtomicLong catalogSerial = new AtomicLong();

  /** Client id and file name of each file started and not yet finished. */
  private final Set<String> activeTransfers = ConcurrentHashMap.newKeySet();

  private final Counter bytesToClients;
  private final Counter bytesFromHeadEnd;
  private final Counter artifactsFetched;
  private final Counter artifactsReused;

  /**
   * Files started so far: each takes one artifact, from the gateway's store or from the head end. A
   * campaign's report, unlike an {@code updateAll}'s, carries no reuse count, so a campaign's
   * reuses are worked out from this as {@code UpdateSession.artifactsReused()} does: the artifacts
   * taken beyond the distinct downloads.
   */
  private final AtomicLong artifactsTaken = new AtomicLong();

  /** {@link #artifactsTaken} when the campaign running now started. */
  private final AtomicLong artifactsTakenBeforeCampaign = new AtomicLong();

  private final AtomicInteger campaignRunning = new AtomicInteger();
  private final AtomicInteger campaignPaused = new AtomicInteger();
  private final AtomicInteger campaignWave = new AtomicInteger();
  private final Counter campaignRetries;

  /**
   * Meters in {@code registry}, registered now so that they read 0 before anything happens. The
   * registry holds the gauges' state strongly: they keep reading after this listener is dropped.
   */
  public PatchbayMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    catalogFetches =
        Counter.builder("patchbay.catalog.fetches")
            .description("Catalogs fetched from the head end and accepted")
            .register(registry);
    Gauge.builder("patchbay.catalog.serial", catalogSerial, AtomicLong::get)
        .description("Serial of the last catalog accepted")
        .strongReference(true)
        .register(registry);
    Gauge.builder("patchbay.transfers.active", activeTransfers, Set::size)
        .description("Files being fetched or sent to clients now")
        .strongReference(true)
        .register(registry);
    bytesToClients = bytes("patchbay.bytes.to.clients", "Bytes sent to clients");
    bytesFromHeadEnd = bytes("patchbay.bytes.from.head.end", "Bytes downloaded from the head end");
    artifactsFetched =
        Counter.builder("patchbay.artifacts.fetched")
            .description("Distinct artifacts downloaded from the head end")
            .register(registry);
    artifactsReused =
        Counter.builder("patchbay.artifacts.reused")
            .description(
                "Artifacts a client got from the gateway's cache, not a download of its own")
            .register(registry);
    Gauge.builder("patchbay.campaign.running", campaignRunning, AtomicInteger::get)
        .description("1 while a campaign runs")
        .strongReference(true)
        .register(registry);
    Gauge.builder("patchbay.campaign.paused", campaignPaused, AtomicInteger::get)
        .description("1 while a campaign is paused")
        .strongReference(true)
        .register(registry);
    Gauge.builder("patchbay.campaign.wave", campaignWave, AtomicInteger::get)
        .description("The wave a campaign is in, counting from 1; 0 outside campaigns")
        .strongReference(true)
        .register(registry);
    campaignRetries =
        Counter.builder("patchbay.campaign.retries")
            .description("Client attempts that failed and will be tried again")
            .register(registry);
  }

  private Counter bytes(String name, String description) {
    return Counter.builder(name).baseUnit("bytes").description(description).register(registry);
  }

  @Override
  public void catalogFetched(Catalog catalog) {
    catalogFetches.increment();
    catalogSerial.set(catalog.serial());
  }

  @Override
  public void fileStarted(Client client, PlannedFile file) {
    artifactsTaken.incrementAndGet();
    activeTransfers.add(transferKey(client, file.name()));
  }

  @Override
  public void fileFinished(Client client, FileOutcome outcome) {
    // A file cancelled before it started finishes without having started.
    if (activeTransfers.remove(transferKey(client, outcome.name()))) {
      Timer.builder("patchbay.file.duration")
          .description("Time to fetch, transfer and confirm one file")
          .tags("status", tag(outcome.status()))
          .register(registry)
          .record(outcome.elapsed());
    }
    Counter.builder("patchbay.files")
        .description("Files planned, by what the plan decided and how it ended")
        .tags(
            Tags.of(
                "action", tag(outcome.action()),
                "status", tag(outcome.status()),
                "step", step(outcome.failedStep())))
        .register(registry)
        .increment();
    bytesToClients.increment((double) outcome.bytes());
  }

  @Override
  public void clientFinished(UpdateReport report) {
    String outcome = report.succeeded() ? "succeeded" : "failed";
    Step failed = report.failedStep();
    if (failed == null) {
      failed = report.failures().stream().map(FileOutcome::failedStep).findFirst().orElse(null);
    }
    Counter.builder("patchbay.client.updates")
        .description("Client updates, by outcome and the step that failed")
        .tags("outcome", outcome, "step", step(failed))
        .register(registry)
        .increment();
    Timer.builder("patchbay.client.duration")
        .description("Time to update one client")
        .tags("outcome", outcome)
        .register(registry)
        .record(report.elapsed());
  }

  @Override
  public void runFinished(FleetReport report) {
    fromHeadEnd(report.artifactsFetched(), report.bytesFetched());
    artifactsReused.increment((double) report.artifactsReused());
  }

  @Override
  public void campaignStarted(long catalogSerial, List<Integer> waveSizes, boolean resumed) {
    campaignRunning.set(1);
    campaignPaused.set(0);
    this.catalogSerial.set(catalogSerial);
    artifactsTakenBeforeCampaign.set(artifactsTaken.get());
  }

  @Override
  public void waveStarted(int wave, int size) {
    campaignWave.set(wave);
  }

  @Override
  public void clientRetrying(String clientId, int attempt, Duration backoff, String reason) {
    campaignRetries.increment();
  }

  @Override
  public void clientFinished(ClientOutcome outcome) {
    if (outcome.fromJournal()) {
      return; // counted by the run that did it
    }
    Counter.builder("patchbay.campaign.clients")
        .description("Clients a campaign finished, by status")
        .tags("status", tag(outcome.status()))
        .register(registry)
        .increment();
  }

  @Override
  public void waveFinished(WaveReport wave) {
    Counter.builder("patchbay.campaign.waves")
        .description("Waves judged, by decision")
        .tags("decision", tag(wave.decision()))
        .register(registry)
        .increment();
  }

  @Override
  public void campaignPaused() {
    campaignPaused.set(1);
  }

  @Override
  public void campaignResumed() {
    campaignPaused.set(0);
  }

  @Override
  public void campaignFinished(CampaignReport report) {
    campaignRunning.set(0);
    campaignPaused.set(0);
    campaignWave.set(0);
    fromHeadEnd(report.artifactsFromHeadEnd(), report.bytesFromHeadEnd());
    long taken = artifactsTaken.get() - artifactsTakenBeforeCampaign.get();
    artifactsReused.increment((double) Math.max(0, taken - report.artifactsFromHeadEnd()));
    Counter.builder("patchbay.campaigns")
        .description("Campaign runs finished, by how they ended")
        .tags("state", tag(report.state()))
        .register(registry)
        .increment();
  }

  private void fromHeadEnd(long artifacts, long bytes) {
    artifactsFetched.increment((double) artifacts);
    bytesFromHeadEnd.increment((double) bytes);
  }

  private static String transferKey(Client client, String file) {
    return client.id() + '\0' + file;
  }

  private static String step(Step step) {
    return step == null ? "none" : tag(step);
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
