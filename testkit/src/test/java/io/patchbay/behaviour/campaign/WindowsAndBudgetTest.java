package io.patchbay.behaviour.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.campaign.BandwidthBudget;
import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.ClientOutcome.Status;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.MaintenanceWindow;
import io.patchbay.model.Client;
import io.patchbay.report.Step;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ManualClock;
import io.patchbay.transfer.Transferer;
import io.patchbay.update.UpdateOrchestrator;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Maintenance windows and the bandwidth budget, on a clock the test controls. */
class WindowsAndBudgetTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  final FakeFleet fleet = new FakeFleet();
  final InMemoryCatalog headEnd =
      InMemoryCatalog.builder().file("fw/image.bin", "2.0.0", new byte[100_000]).build();
  final Map<String, Instant> transferStarts = new ConcurrentHashMap<>();
  final Map<String, Instant> interrogations = new ConcurrentHashMap<>();

  Client client(String id) {
    fleet.add(Client.of(id, "fake://" + id)).holding("fw/image.bin", "1.0.0");
    return fleet.device(id).client();
  }

  Campaign.Builder campaign(ManualClock clock, List<DirectoryEntry> entries) {
    Transferer recording =
        (client, artifact, progress) -> {
          transferStarts.putIfAbsent(client.id(), clock.instant());
          fleet.transfer(client, artifact, progress);
        };
    UpdateOrchestrator orchestrator =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(headEnd)
            .transferer(recording)
            .interrogator(
                client -> {
                  interrogations.putIfAbsent(client.id(), clock.instant());
                  return fleet.interrogate(client);
                })
            .clock(clock)
            .sleeper(clock.sleeper())
            .build();
    return Campaign.builder()
        .directory(() -> entries)
        .orchestrator(orchestrator)
        .plan(CampaignTest.ALL_AT_ONCE)
        .clock(clock)
        .sleeper(clock.sleeper());
  }

  @Test
  void aClientOutsideItsWindowWaitsForItToOpenAndOthersStartFirst() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z")); // 13:00 in Paris
    MaintenanceWindow nights =
        MaintenanceWindow.daily(LocalTime.of(2, 0), LocalTime.of(4, 0), PARIS);
    List<DirectoryEntry> entries =
        List.of(
            new DirectoryEntry(client("night-owl"), "nights"),
            new DirectoryEntry(client("any-time"), "shops"));

    List<String> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    CampaignListener listener =
        new CampaignListener() {
          @Override
          public void clientWaiting(String clientId, Instant until) {
            waits.add(clientId + " until " + until);
          }
        };

    // One client at a time: the one that can run now goes first, though listed second.
    CampaignReport report =
        campaign(clock, entries)
            .window("nights", nights)
            .listener(listener)
            .maxConcurrentClients(1)
            .build()
            .run();

    assertThat(report.failures()).isEmpty();
    assertThat(waits).containsExactly("night-owl until 2026-11-24T01:00:00Z");
    assertThat(interrogations.get("any-time")).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
    assertThat(interrogations.get("night-owl"))
        .isEqualTo(Instant.parse("2026-11-24T01:00:00Z")); // 02:00 in Paris
  }

  @Test
  void aWindowRunsPastMidnightOnlyFromTheDaysItOpens() {
    MaintenanceWindow fridayNight =
        new MaintenanceWindow(
            java.util.Set.of(java.time.DayOfWeek.FRIDAY),
            LocalTime.of(23, 0),
            LocalTime.of(1, 0),
            ZoneId.of("UTC"));

    assertThat(fridayNight.closingIfOpen(Instant.parse("2026-11-28T00:30:00Z"))) // Saturday 00:30
        .contains(Instant.parse("2026-11-28T01:00:00Z"));
    assertThat(fridayNight.closingIfOpen(Instant.parse("2026-11-29T00:30:00Z")))
        .isEmpty(); // Sunday 00:30
    assertThat(fridayNight.nextOpening(Instant.parse("2026-11-28T02:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T23:00:00Z"));
  }

  @Test
  void aTransferThatCannotFinishBeforeTheWindowClosesWaitsForTheNextWindow() throws Exception {
    // 100,000 bytes at 10,000 bytes/s need 10 s; the window has 5 s left.
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T03:59:55Z"));
    MaintenanceWindow nights =
        MaintenanceWindow.daily(LocalTime.of(2, 0), LocalTime.of(4, 0), ZoneId.of("UTC"));
    List<DirectoryEntry> entries = List.of(new DirectoryEntry(client("stb-1"), "nights"));

    CampaignReport report =
        campaign(clock, entries).window("nights", nights).bandwidthBudget(10_000).build().run();

    assertThat(report.clients())
        .singleElement()
        .extracting(ClientOutcome::status)
        .isEqualTo(Status.UPDATED);
    assertThat(interrogations.get("stb-1")).isEqualTo(Instant.parse("2026-11-23T03:59:55Z"));
    assertThat(transferStarts.get("stb-1")).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
  }

  @Test
  void aTransferLongerThanAnyWindowFailsAtTheTransferStepInsteadOfWaitingForever()
      throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00Z"));
    MaintenanceWindow brief =
        MaintenanceWindow.daily(LocalTime.of(2, 0), LocalTime.of(2, 0, 5), ZoneId.of("UTC"));
    List<DirectoryEntry> entries = List.of(new DirectoryEntry(client("stb-1"), "nights"));

    CampaignReport report =
        campaign(clock, entries).window("nights", brief).bandwidthBudget(10_000).build().run();

    assertThat(report.clients())
        .singleElement()
        .satisfies(
            client -> {
              assertThat(client.status()).isEqualTo(Status.FAILED);
              assertThat(client.failedStep()).isEqualTo(Step.TRANSFER);
              assertThat(client.reason()).contains("MaintenanceWindowException");
            });
    assertThat(fleet.device("stb-1").received()).isEmpty();
  }

  @Test
  void allTransfersTogetherStayWithinTheBandwidthBudgetAndTheTransferLimit() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    List<DirectoryEntry> entries =
        List.of(
            new DirectoryEntry(client("a"), "g"),
            new DirectoryEntry(client("b"), "g"),
            new DirectoryEntry(client("c"), "g"),
            new DirectoryEntry(client("d"), "g"));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Transferer counting =
        (client, artifact, progress) -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            fleet.transfer(client, artifact, progress);
          } finally {
            running.decrementAndGet();
          }
        };
    UpdateOrchestrator orchestrator =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(headEnd)
            .interrogator(fleet)
            .transferer(counting)
            .clock(clock)
            .build();

    CampaignReport report =
        Campaign.builder()
            .directory(() -> entries)
            .orchestrator(orchestrator)
            .plan(CampaignTest.ALL_AT_ONCE)
            .maxConcurrentClients(4)
            .maxConcurrentTransfers(2)
            .bandwidthBudget(50_000)
            .clock(clock)
            .sleeper(clock.sleeper())
            .build()
            .run();

    assertThat(report.count(Status.UPDATED)).isEqualTo(4);
    assertThat(mostAtOnce.get()).isBetween(1, 2);
    // 4 clients x 100,000 bytes read through the budget; the bucket starts with 8,192 bytes.
    Duration elapsed = Duration.between(Instant.parse("2026-11-23T12:00:00Z"), clock.instant());
    assertThat(elapsed)
        .isGreaterThanOrEqualTo(Duration.ofMillis((400_000 - 8_192) * 1000L / 50_000));
  }

  @Test
  void theBudgetMakesAReaderWaitForTheBytesItHasNotEarned() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    BandwidthBudget budget = new BandwidthBudget(100_000, clock, clock.sleeper());

    try (InputStream in = budget.throttle(new java.io.ByteArrayInputStream(new byte[1_000_000]))) {
      assertThat(in.readAllBytes()).hasSize(1_000_000);
    }

    // The first 10,000 bytes (a tenth of a second) are the bucket's; the rest take 9.9 s.
    assertThat(clock.slept()).isBetween(Duration.ofMillis(9_900), Duration.ofMillis(9_901));
  }
}
