package io.patchbay.behaviour.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignJournalException;
import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.ClientDirectoryException;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.ClientOutcome.Status;
import io.patchbay.campaign.ClientRetries;
import io.patchbay.campaign.WavePlan;
import io.patchbay.campaign.WaveReport;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Client;
import io.patchbay.report.Step;
import io.patchbay.testkit.FakeDevice;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ManualClock;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {

  static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");

  /** Every client in one wave, which must succeed entirely. */
  static final WavePlan ALL_AT_ONCE =
      WavePlan.builder().canaryPercent(100).growth(1).successThreshold(1).errorLimit(0).build();

  final FakeFleet fleet = new FakeFleet();
  final InMemoryCatalog headEnd =
      InMemoryCatalog.builder()
          .file("bin/player", "2.0.0", bytes("player 2.0.0 bytes"))
          .file("fw/tuner.bin", "1.1.0", bytes("tuner 1.1.0 bytes"))
          .build();
  final ManualClock clock = new ManualClock(MONDAY_NOON);
  final Events events = new Events();

  @TempDir Path directory;

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A canary of {@code clients}, then waves doubling in size; 95% must succeed, over 5% failing
   * halts.
   */
  static WavePlan canary(int clients) {
    return WavePlan.builder().canaryClients(clients).build();
  }

  List<Client> outdatedClients(int count) {
    for (int i = 0; i < count; i++) {
      fleet
          .add(String.format("stb-%03d", i))
          .holding("bin/player", "1.0.0")
          .holding("fw/tuner.bin", "1.0.0");
    }
    return fleet.clients();
  }

  UpdateOrchestrator.Builder gateway() {
    return UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(fleet)
        .transferer(fleet)
        .clock(clock)
        .sleeper(clock.sleeper());
  }

  Campaign.Builder campaign(List<Client> clients) {
    return Campaign.builder()
        .directory(ClientDirectory.of(clients))
        .orchestrator(gateway().build())
        .clock(clock)
        .sleeper(clock.sleeper())
        .listener(events);
  }

  @Test
  void wavesGrowFromTheCanaryAndEveryClientIsUpdatedWithEachArtifactFetchedOnce() throws Exception {
    List<Client> clients = outdatedClients(15);

    CampaignReport report = campaign(clients).plan(canary(1)).maxConcurrentClients(3).build().run();

    assertThat(report.state()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(report.waves()).extracting(WaveReport::size).containsExactly(1, 2, 4, 8);
    assertThat(report.waves())
        .extracting(WaveReport::decision)
        .containsOnly(WaveReport.Decision.PASSED);
    assertThat(report.count(Status.UPDATED)).isEqualTo(15);
    assertThat(fleet.devices())
        .allSatisfy(device -> assertThat(device.version("bin/player")).isEqualTo("2.0.0"));
    assertThat(headEnd.openCount("bin/player")).isEqualTo(1);
    assertThat(headEnd.openCount("fw/tuner.bin")).isEqualTo(1);
    long perClient = headEnd.entry("bin/player").size() + headEnd.entry("fw/tuner.bin").size();
    assertThat(report.bytesFromHeadEnd()).isEqualTo(perClient);
    assertThat(report.bytesToClients()).isEqualTo(15 * perClient);
    assertThat(events.kinds())
        .startsWith("campaignStarted", "waveStarted 0")
        .endsWith("campaignFinished");
  }

  @Test
  void aFailingCanaryHaltsTheCampaignAndNoClientOutsideTheCanaryIsContacted() throws Exception {
    List<Client> clients = outdatedClients(20);
    for (int i = 0; i < 3; i++) {
      fleet.device(clients.get(i).id()).failTransferOf("bin/player", new IOException("disk full"));
    }
    // One failure already exceeds the canary's error limit and stops it starting clients; so that
    // all three fail, each transfer waits until the three canary clients have been interrogated.
    CountDownLatch canaryStarted = new CountDownLatch(3);
    UpdateOrchestrator orchestrator =
        gateway()
            .interrogator(
                client -> {
                  canaryStarted.countDown();
                  return fleet.interrogate(client);
                })
            .transferer(
                (client, artifact, progress) -> {
                  awaitOrFail(canaryStarted, "the whole canary to start");
                  fleet.transfer(client, artifact, progress);
                })
            .build();

    CampaignReport report =
        campaign(clients)
            .orchestrator(orchestrator)
            .plan(canary(3))
            .maxConcurrentClients(3)
            .build()
            .run();

    assertThat(report.state()).isEqualTo(CampaignReport.State.HALTED);
    assertThat(report.waves().get(0).decision()).isEqualTo(WaveReport.Decision.HALTED_ERROR_LIMIT);
    assertThat(report.waves().subList(1, report.waves().size()))
        .extracting(WaveReport::decision)
        .containsOnly(WaveReport.Decision.NOT_RUN);
    assertThat(report.clients().subList(0, 3))
        .allSatisfy(
            client -> {
              assertThat(client.status()).isEqualTo(Status.FAILED);
              assertThat(client.failedStep()).isEqualTo(Step.TRANSFER);
              assertThat(client.reason()).contains("bin/player").contains("disk full");
            });
    assertThat(report.clients().subList(3, 20))
        .extracting(ClientOutcome::status)
        .containsOnly(Status.NOT_STARTED);
    assertThat(fleet.devices().stream().skip(3))
        .allSatisfy(
            device -> {
              assertThat(device.interrogationCount()).as(device.client().id()).isZero();
              assertThat(device.received()).isEmpty();
            });
  }

  @Test
  void aWaveStartsNoClientOnceItsFailuresExceedTheErrorLimitAndLetsTheRunningOnesFinish()
      throws Exception {
    List<Client> clients = outdatedClients(5);
    fleet.device(clients.get(0).id()).failTransferOf("bin/player", new IOException("disk full"));
    Thread campaignThread = Thread.currentThread();
    ExecutorService pool = Executors.newCachedThreadPool();
    AtomicInteger submitted = new AtomicInteger();
    CountDownLatch firstWorkerFree = new CountDownLatch(1);
    Executor executor =
        task -> {
          boolean first = submitted.getAndIncrement() == 0;
          pool.execute(
              () -> {
                task.run();
                if (first) {
                  firstWorkerFree.countDown();
                }
              });
        };
    // stb-000 fails only once the campaign waits for a free worker to start stb-002 (both its
    // workers are busy with stb-000 and stb-001), so it must decide with that failure in hand;
    // stb-001, healthy, holds its worker until stb-000's has been given back.
    UpdateOrchestrator orchestrator =
        gateway()
            .transferer(
                (client, artifact, progress) -> {
                  if (client.id().equals("stb-000")) {
                    await()
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> campaignThread.getState() == Thread.State.WAITING);
                  } else {
                    awaitOrFail(firstWorkerFree, "stb-000's worker to be given back");
                  }
                  fleet.transfer(client, artifact, progress);
                })
            .build();

    CampaignReport report;
    try {
      report =
          campaign(clients)
              .orchestrator(orchestrator)
              .plan(canary(5))
              .maxConcurrentClients(2)
              .executor(executor)
              .build()
              .run();
    } finally {
      pool.shutdownNow();
    }

    assertThat(report.waves().get(0))
        .satisfies(
            wave -> {
              assertThat(wave.decision()).isEqualTo(WaveReport.Decision.HALTED_ERROR_LIMIT);
              assertThat(wave.reason()).isEqualTo("1 of 5 failed, over the error limit of 5%");
            });
    assertThat(report.clients())
        .extracting(ClientOutcome::status)
        .containsExactly(
            Status.FAILED,
            Status.UPDATED,
            Status.NOT_STARTED,
            Status.NOT_STARTED,
            Status.NOT_STARTED);
    assertThat(report.clients().subList(2, 5))
        .extracting(ClientOutcome::reason)
        .containsOnly("the wave stopped: its failures exceeded the error limit");
    assertThat(fleet.devices().stream().skip(2))
        .allSatisfy(
            device -> assertThat(device.interrogationCount()).as(device.client().id()).isZero());
  }

  @Test
  void aWaveBelowTheSuccessThresholdHaltsTheCampaign() throws Exception {
    List<Client> clients = outdatedClients(10);
    fleet.device(clients.get(1).id()).failInterrogation(new ConnectException("unplugged"));

    CampaignReport report =
        campaign(clients)
            .plan(WavePlan.builder().canaryClients(4).successThreshold(1.0).errorLimit(0.5).build())
            .build()
            .run();

    assertThat(report.waves().get(0).decision())
        .isEqualTo(WaveReport.Decision.HALTED_BELOW_THRESHOLD);
    assertThat(report.waves().get(0).reason()).isEqualTo("only 3 of 4 succeeded; 100% needed");
    assertThat(fleet.device(clients.get(4).id()).interrogationCount()).isZero();
  }

  @Test
  void aFailedClientIsRetriedAfterItsBackoff() throws Exception {
    List<Client> clients = outdatedClients(1);
    FakeDevice device =
        fleet.device(clients.get(0).id()).failInterrogation(new ConnectException("rebooting"));
    events.onRetry = () -> device.failInterrogation(null);

    CampaignReport report =
        campaign(clients)
            .plan(ALL_AT_ONCE)
            .retries(new ClientRetries(3, Duration.ofSeconds(30), Duration.ofMinutes(5)))
            .build()
            .run();

    assertThat(report.clients())
        .singleElement()
        .satisfies(
            client -> {
              assertThat(client.status()).isEqualTo(Status.UPDATED);
              assertThat(client.attempts()).isEqualTo(2);
            });
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aClientThatStopsAnsweringIsReportedFailedWithTheStepItWasIn() throws Exception {
    List<Client> clients = outdatedClients(2);
    fleet.device(clients.get(1).id()).latency(Duration.ofSeconds(30));
    UpdateOrchestrator orchestrator =
        gateway().stepTimeout(Step.INTERROGATE, Duration.ofMillis(200)).build();

    long start = System.nanoTime();
    CampaignReport report =
        campaign(clients)
            .orchestrator(orchestrator)
            .plan(WavePlan.builder().canaryClients(2).errorLimit(1).build())
            .build()
            .run();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(report.clients().get(1))
        .satisfies(
            client -> {
              assertThat(client.status()).isEqualTo(Status.FAILED);
              assertThat(client.failedStep()).isEqualTo(Step.INTERROGATE);
              assertThat(client.reason()).startsWith("StepTimeoutException");
            });
  }

  @Test
  void confirmationWaitsTheSettleDelayAndRetriesWhileTheClientReboots() throws Exception {
    List<Client> clients = outdatedClients(1);
    AtomicInteger calls = new AtomicInteger();
    ClientInterrogator rebooting =
        client -> {
          if (calls.incrementAndGet() == 2) {
            throw new ConnectException("rebooting to activate");
          }
          return fleet.interrogate(client);
        };
    UpdateOrchestrator orchestrator =
        gateway()
            .interrogator(rebooting)
            .confirmation(Duration.ofSeconds(20), 2, Duration.ofSeconds(15))
            .build();

    CampaignReport report =
        campaign(clients).orchestrator(orchestrator).plan(ALL_AT_ONCE).build().run();

    assertThat(report.clients())
        .singleElement()
        .extracting(ClientOutcome::status)
        .isEqualTo(Status.UPDATED);
    assertThat(calls).hasValue(3);
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(35));
  }

  @Test
  void pauseHoldsNewClientsUntilResume() throws Exception {
    List<Client> clients = outdatedClients(4);
    Campaign campaign = campaign(clients).plan(ALL_AT_ONCE).build();
    campaign.pause();

    CompletableFuture<CampaignReport> running = runInBackground(campaign);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(30))
        .until(() -> fleet.devices().stream().allMatch(device -> device.interrogationCount() == 0));
    campaign.resume();

    assertThat(running.get(30, TimeUnit.SECONDS).count(Status.UPDATED)).isEqualTo(4);
    assertThat(events.kinds()).contains("campaignPaused", "campaignResumed");
  }

  @Test
  void cancelStopsTheCampaignAndARunWithTheSameJournalResumesWithoutTouchingConfirmedClients()
      throws Exception {
    List<Client> clients = outdatedClients(12);
    fleet.devices().forEach(device -> device.latency(Duration.ofMillis(100)));
    Path journal = directory.resolve("campaign.journal");
    Campaign first =
        campaign(clients).plan(ALL_AT_ONCE).maxConcurrentClients(2).journal(journal).build();

    CompletableFuture<CampaignReport> running = runInBackground(first);
    await().atMost(Duration.ofSeconds(20)).until(() -> events.finished.size() >= 3);
    first.cancel();
    CampaignReport cancelled = running.get(20, TimeUnit.SECONDS);

    assertThat(cancelled.state()).isEqualTo(CampaignReport.State.CANCELLED);
    assertThat(cancelled.count(Status.NOT_STARTED) + cancelled.count(Status.CANCELLED))
        .isPositive();
    List<String> confirmed =
        cancelled.clients().stream()
            .filter(client -> client.status() == Status.UPDATED)
            .map(ClientOutcome::clientId)
            .toList();
    List<Integer> interrogationsBefore =
        confirmed.stream().map(id -> fleet.device(id).interrogationCount()).toList();

    CampaignReport resumed = campaign(clients).plan(ALL_AT_ONCE).journal(journal).build().run();

    assertThat(resumed.state()).isEqualTo(CampaignReport.State.COMPLETED);
    // A client cancelled after its transfers but before its confirmation is now simply up to date.
    assertThat(resumed.failures()).isEmpty();
    assertThat(confirmed.stream().map(id -> fleet.device(id).interrogationCount()).toList())
        .isEqualTo(interrogationsBefore);
    assertThat(resumed.clients())
        .filteredOn(ClientOutcome::fromJournal)
        .extracting(ClientOutcome::clientId)
        .containsExactlyInAnyOrderElementsOf(confirmed);
    assertThat(fleet.devices()).allSatisfy(device -> assertThat(device.received()).hasSize(2));
  }

  @Test
  void aFinishedCampaignRunAgainWithItsJournalReportsWithoutContactingAnyClient() throws Exception {
    List<Client> clients = outdatedClients(5);
    Path journal = directory.resolve("campaign.journal");
    campaign(clients).plan(canary(2)).journal(journal).build().run();
    List<Integer> interrogations =
        fleet.devices().stream().map(FakeDevice::interrogationCount).toList();

    CampaignReport again = campaign(clients).plan(canary(2)).journal(journal).build().run();

    assertThat(again.state()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(again.clients())
        .allSatisfy(
            client -> {
              assertThat(client.fromJournal()).isTrue();
              assertThat(client.status()).isEqualTo(Status.UPDATED);
            });
    assertThat(fleet.devices().stream().map(FakeDevice::interrogationCount).toList())
        .isEqualTo(interrogations);
  }

  @Test
  void aJournalOfAnotherCatalogIsRefused() throws Exception {
    List<Client> clients = outdatedClients(2);
    Path journal = directory.resolve("campaign.journal");
    campaign(clients).journal(journal).build().run();
    InMemoryCatalog newer = InMemoryCatalog.builder().serial(2).file("bin/player", "3.0.0").build();

    Campaign next =
        campaign(clients).orchestrator(gateway().catalog(newer).build()).journal(journal).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(next::run)
        .isInstanceOf(CampaignJournalException.class)
        .hasMessageContaining("serial 1")
        .hasMessageContaining("serial 2");
  }

  @Test
  void aDirectoryThatListsAClientTwiceIsRefusedBeforeAnyClientIsContacted() {
    List<Client> clients = outdatedClients(2);
    Campaign campaign = campaign(List.of(clients.get(0), clients.get(1), clients.get(0))).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(campaign::run)
        .isInstanceOf(ClientDirectoryException.class)
        .hasMessageContaining("duplicate client id \"stb-000\"");
    assertThat(fleet.devices())
        .allSatisfy(device -> assertThat(device.interrogationCount()).isZero());
  }

  @Test
  void theReportIsWrittenAsJsonAndAsATable() throws Exception {
    List<Client> clients = outdatedClients(3);
    fleet
        .device(clients.get(2).id())
        .failTransferOf("fw/tuner.bin", new IOException("flash worn out"));

    CampaignReport report =
        campaign(clients)
            .plan(
                WavePlan.builder()
                    .canaryPercent(100)
                    .growth(1)
                    .successThreshold(0.5)
                    .errorLimit(0.5)
                    .build())
            .build()
            .run();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    report.writeJson(json);

    assertThat(json.toString(StandardCharsets.UTF_8))
        .contains(
            "\"state\":\"COMPLETED\"",
            "\"bytesToClients\":" + report.bytesToClients(),
            "\"id\":\"stb-002\"",
            "\"status\":\"FAILED\"",
            "\"failedStep\":\"TRANSFER\"",
            "flash worn out")
        .endsWith("\n");
    assertThat(report.toTable())
        .contains(
            "Campaign COMPLETED", "2 updated", "1 failed", "PASSED", "stb-002", "flash worn out");
  }

  @Test
  void aClientReportingAVersionTheHeadEndNeverPublishedIsShownButDoesNotHoldTheCampaign()
      throws Exception {
    List<Client> clients = outdatedClients(2);
    fleet.device("stb-001").holding("bin/player", "9.0.0");

    CampaignReport report = campaign(clients).plan(ALL_AT_ONCE).build().run();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    report.writeJson(json);

    assertThat(report.state()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(report.count(Status.UPDATED)).isEqualTo(2);
    assertThat(report.failures()).isEmpty();
    assertThat(report.anomalous())
        .singleElement()
        .extracting(ClientOutcome::clientId, ClientOutcome::anomalies)
        .containsExactly("stb-001", 1);
    assertThat(fleet.device("stb-001").version("fw/tuner.bin")).isEqualTo("1.1.0");
    assertThat(fleet.device("stb-001").version("bin/player")).isEqualTo("9.0.0");
    assertThat(json.toString(StandardCharsets.UTF_8))
        .contains("\"id\":\"stb-001\",\"group\":\"default\",\"wave\":0,\"status\":\"UPDATED\"")
        .contains("\"anomalies\":1");
    assertThat(report.toTable())
        .contains("0 failed", "1 with anomalies")
        .containsPattern("stb-001 +0 +UPDATED .* 1 anomaly");
  }

  /**
   * Waits for {@code latch} within a deadline far beyond any load, failing the step rather than
   * hanging.
   */
  static void awaitOrFail(CountDownLatch latch, String what) throws IOException {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new IOException("Timed out waiting for " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted waiting for " + what);
    }
  }

  static CompletableFuture<CampaignReport> runInBackground(Campaign campaign) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return campaign.run();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** Records the campaign's events. */
  static final class Events implements CampaignListener {
    final List<String> kinds = Collections.synchronizedList(new ArrayList<>());
    final List<ClientOutcome> finished = Collections.synchronizedList(new ArrayList<>());
    volatile Runnable onRetry = () -> {};

    List<String> kinds() {
      synchronized (kinds) {
        return List.copyOf(kinds);
      }
    }

    @Override
    public void campaignStarted(long catalogSerial, List<Integer> waveSizes, boolean resumed) {
      kinds.add("campaignStarted");
    }

    @Override
    public void waveStarted(int wave, int size) {
      kinds.add("waveStarted " + wave);
    }

    @Override
    public void clientRetrying(String clientId, int attempt, Duration backoff, String reason) {
      onRetry.run();
    }

    @Override
    public void clientFinished(ClientOutcome outcome) {
      finished.add(outcome);
    }

    @Override
    public void campaignPaused() {
      kinds.add("campaignPaused");
    }

    @Override
    public void campaignResumed() {
      kinds.add("campaignResumed");
    }

    @Override
    public void campaignFinished(CampaignReport report) {
      kinds.add("campaignFinished");
    }
  }
}
