package io.patchbay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.patchbay.model.Client;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.UpdateReport;
import io.patchbay.testkit.FakeDevice;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.RecordingListener;
import io.patchbay.update.UpdateOrchestrator;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How to unit-test your own update logic with the testkit: an in-memory head end, fake devices that
 * hold files and can misbehave, and a listener that records what happened. No network.
 */
class TestingWithTheTestkitExample {

  /** Your gateway's policy, the code under test: firmware only for clients that asked for it. */
  static UpdateOrchestrator gatewayFor(
      InMemoryCatalog headEnd, FakeFleet fleet, RecordingListener events) {
    return UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(fleet)
        .transferer(fleet)
        .policy(UpdatePolicy.defaults().withInstallMissing(false))
        .listener(events)
        .build();
  }

  @Test
  void outdatedFilesAreUpdatedAndMissingOnesAreNotInstalled() {
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder().file("bin/player", "2.1.0").file("fw/tuner.bin", "5.0.0").build();
    FakeFleet fleet = new FakeFleet();
    FakeDevice stb = fleet.add("stb-1").holding("bin/player", "2.0.3");
    RecordingListener events = new RecordingListener();

    UpdateReport report = gatewayFor(headEnd, fleet, events).update(stb.client());

    assertThat(report.succeeded()).isTrue();
    assertThat(stb.version("bin/player")).isEqualTo("2.1.0");
    assertThat(stb.version("fw/tuner.bin")).isNull();
    assertThat(events.outcomes())
        .extracting(FileOutcome::name, FileOutcome::status)
        .containsExactlyInAnyOrder(
            tuple("bin/player", FileOutcome.Status.UPDATED),
            tuple("fw/tuner.bin", FileOutcome.Status.UNCHANGED));
  }

  @Test
  void unreachableClientIsReportedAndTheRestOfTheFleetIsUpdated() {
    InMemoryCatalog headEnd = InMemoryCatalog.builder().file("bin/player", "2.1.0").build();
    FakeFleet fleet = new FakeFleet();
    FakeDevice down =
        fleet
            .add("stb-down")
            .holding("bin/player", "2.0.0")
            .failInterrogation(new ConnectException("host unreachable"));
    FakeDevice up = fleet.add("stb-up").holding("bin/player", "2.0.0");
    RecordingListener events = new RecordingListener();

    gatewayFor(headEnd, fleet, events).updateAll(List.of(down.client(), up.client()));

    assertThat(events.clientReports())
        .filteredOn(report -> !report.succeeded())
        .extracting(UpdateReport::client)
        .extracting(Client::id)
        .containsExactly("stb-down");
    assertThat(up.version("bin/player")).isEqualTo("2.1.0");
  }
}
