package io.patchbay.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.WavePlan;
import io.patchbay.testkit.FakeDevice;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UpdateOrchestrator;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the meters read after real runs of the orchestrator and of a campaign over fakes. */
class PatchbayMetricsTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final PatchbayMetrics metrics = new PatchbayMetrics(registry);
  private final InMemoryCatalog headEnd =
      InMemoryCatalog.builder().serial(42).file("bin/player", "2.1.0").build();
  private final FakeFleet fleet = new FakeFleet();

  @Test
  void metersReadZeroBeforeAnythingHappens() {
    assertThat(counter("patchbay.catalog.fetches")).isZero();
    assertThat(counter("patchbay.bytes.to.clients")).isZero();
    assertThat(gauge("patchbay.transfers.active")).isZero();
    assertThat(gauge("patchbay.campaign.running")).isZero();
  }

  @Test
  void anUpdateOfAFleetIsCountedByOutcomeStepAndBytes() {
    List<FakeDevice> updated =
        List.of(
            fleet.add("stb-1").holding("bin/player", "2.0.0"),
            fleet.add("stb-2").holding("bin/player", "2.0.0"),
            fleet.add("stb-3").holding("bin/player", "2.1.0"));
    fleet.add("stb-down").failInterrogation(new ConnectException("host unreachable"));
    double size = headEnd.content("bin/player").length;

    orchestrator().updateAll(fleet.clients());

    assertThat(updated.get(0).version("bin/player")).isEqualTo("2.1.0");
    assertThat(counter("patchbay.catalog.fetches")).isEqualTo(1);
    assertThat(gauge("patchbay.catalog.serial")).isEqualTo(42);
    assertThat(counter("patchbay.client.updates", "outcome", "succeeded", "step", "none"))
        .isEqualTo(3);
    assertThat(counter("patchbay.client.updates", "outcome", "failed", "step", "interrogate"))
        .isEqualTo(1);
    assertThat(counter("patchbay.files", "action", "update", "status", "updated")).isEqualTo(2);
    assertThat(counter("patchbay.files", "action", "up_to_date", "status", "unchanged"))
        .isEqualTo(1);
    assertThat(registry.get("patchbay.file.duration").tag("status", "updated").timer().count())
        .isEqualTo(2);
    assertThat(registry.get("patchbay.client.duration").tag("outcome", "failed").timer().count())
        .isEqualTo(1);
    assertThat(counter("patchbay.bytes.to.clients")).isEqualTo(2 * size);
    // Download once, serve many: one artifact from the head end for both clients.
    assertThat(counter("patchbay.bytes.from.head.end")).isEqualTo(size);
    assertThat(counter("patchbay.artifacts.fetched")).isEqualTo(1);
    assertThat(counter("patchbay.artifacts.reused")).isEqualTo(1);
    assertThat(gauge("patchbay.transfers.active")).isZero();
  }

  @Test
  void aFailedTransferIsCountedAtItsStepAndLeavesNoActiveTransfer() {
    fleet
        .add("stb-1")
        .holding("bin/player", "2.0.0")
        .failTransferOf("bin/player", new ConnectException("connection reset"));

    orchestrator().updateAll(fleet.clients());

    assertThat(counter("patchbay.client.updates", "outcome", "failed", "step", "transfer"))
        .isEqualTo(1);
    assertThat(counter("patchbay.files", "status", "failed", "step", "transfer")).isEqualTo(1);
    assertThat(counter("patchbay.bytes.to.clients")).isZero();
    assertThat(gauge("patchbay.transfers.active")).isZero();
  }

  @Test
  void aCampaignIsCountedByClientStatusWaveDecisionAndState() throws Exception {
    CampaignReport report = campaignOverFourClients().run();

    assertThat(report.state()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(counter("patchbay.campaign.clients", "status", "updated")).isEqualTo(4);
    assertThat(counter("patchbay.campaign.waves", "decision", "passed"))
        .isEqualTo(report.waves().size());
    assertThat(counter("patchbay.campaigns", "state", "completed")).isEqualTo(1);
    assertThat(gauge("patchbay.campaign.running")).isZero();
    assertThat(gauge("patchbay.campaign.wave")).isZero();
    assertThat(counter("patchbay.client.updates", "outcome", "succeeded", "step", "none"))
        .isEqualTo(4);
    assertThat(counter("patchbay.bytes.from.head.end"))
        .isEqualTo(headEnd.content("bin/player").length);
  }

  @Test
  void aCampaignCountsTheArtifactsItServedAgainFromOneDownloadAsReused() throws Exception {
    CampaignReport report = campaignOverFourClients().run();

    assertThat(report.artifactsFromHeadEnd()).isEqualTo(1);
    assertThat(counter("patchbay.artifacts.fetched")).isEqualTo(1);
    assertThat(counter("patchbay.artifacts.reused")).isEqualTo(3);
  }

  @Test
  void gaugesKeepTheirValueAfterTheListenerIsDropped() {
    MeterRegistry own = new SimpleMeterRegistry();
    WeakReference<PatchbayMetrics> dropped = updateOnceWithMetricsIn(own);

    for (int i = 0; i < 50 && dropped.get() != null; i++) {
      System.gc();
    }

    assertThat(dropped.get()).as("collected").isNull();
    assertThat(own.get("patchbay.catalog.serial").gauge().value()).isEqualTo(42);
  }

  private WeakReference<PatchbayMetrics> updateOnceWithMetricsIn(MeterRegistry own) {
    PatchbayMetrics listener = new PatchbayMetrics(own);
    fleet.add("stb-1").holding("bin/player", "2.0.0");
    UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(fleet)
        .transferer(fleet)
        .listener(listener)
        .build()
        .updateAll(fleet.clients());
    return new WeakReference<>(listener);
  }

  /** A campaign over four clients holding an old player: a canary, then a wave of three. */
  private Campaign campaignOverFourClients() {
    for (int i = 1; i <= 4; i++) {
      fleet.add("stb-" + i).holding("bin/player", "2.0.0");
    }
    return Campaign.builder()
        .directory(() -> fleet.clients().stream().map(DirectoryEntry::of).toList())
        .orchestrator(orchestrator())
        .plan(WavePlan.builder().canaryClients(1).growth(3).build())
        .listener(metrics)
        .build();
  }

  private UpdateOrchestrator orchestrator() {
    return UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(fleet)
        .transferer(fleet)
        .listener(metrics)
        .build();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
