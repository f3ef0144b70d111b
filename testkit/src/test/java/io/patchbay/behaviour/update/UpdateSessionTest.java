package io.patchbay.behaviour.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.plan.PlannedFile;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ManualClock;
import io.patchbay.update.StepHooks;
import io.patchbay.update.StepTimeoutException;
import io.patchbay.update.UnconfirmedUpdateException;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.update.UpdateSession;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sessions and step hooks: the orchestrator's seams for callers that drive clients themselves. */
class UpdateSessionTest {

  final FakeFleet fleet = new FakeFleet();
  final InMemoryCatalog headEnd =
      InMemoryCatalog.builder()
          .file("bin/player", "2.0.0", "player 2.0.0 bytes".getBytes(StandardCharsets.UTF_8))
          .build();
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));

  Client outdated(String id) {
    return fleet.add(id).holding("bin/player", "1.0.0").client();
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

  @Test
  void aSessionFetchesTheCatalogOnceAndEachArtifactOnceForAllItsClients() throws Exception {
    List<Client> clients = List.of(outdated("a"), outdated("b"), outdated("c"));

    try (UpdateSession session = gateway().build().openSession()) {
      for (Client client : clients) {
        assertThat(session.update(client).succeeded()).isTrue();
      }
      assertThat(session.artifactsFetched()).isEqualTo(1);
      assertThat(session.artifactsReused()).isEqualTo(2);
      assertThat(session.bytesFetched()).isEqualTo(headEnd.entry("bin/player").size());
    }
    assertThat(headEnd.fetchCount()).isEqualTo(1);
    assertThat(headEnd.openCount("bin/player")).isEqualTo(1);
  }

  @Test
  void aSessionPlansClientsAgainstItsOneCatalogChangingNothing() throws Exception {
    Client outdated = outdated("a");
    Client current =
        fleet.add("b").holding("bin/player", "2.0.0", headEnd.content("bin/player")).client();

    try (UpdateSession session = gateway().build().openSession()) {
      assertThat(session.plan(outdated).transfers())
          .extracting(PlannedFile::name)
          .containsExactly("bin/player");
      assertThat(session.plan(current).isEmpty()).isTrue();
    }

    assertThat(headEnd.fetchCount()).isEqualTo(1);
    assertThat(fleet.device("a").received()).isEmpty();
    assertThat(fleet.device("a").version("bin/player")).isEqualTo("1.0.0");
  }

  @Test
  void aClientThatCannotBePlannedFailsOnItsOwnAndTheSessionPlansTheNext() throws Exception {
    Client unreachable = fleet.add("ghost").holding("bin/player", "1.0.0").client();
    fleet.device("ghost").failInterrogation(new ConnectException("No device answers"));
    Client outdated = outdated("a");

    try (UpdateSession session = gateway().build().openSession()) {
      assertThatThrownBy(() -> session.plan(unreachable)).isInstanceOf(ConnectException.class);
      assertThat(session.plan(outdated).transfers()).hasSize(1);
    }
  }

  @Test
  void hooksSeeEveryStepBeforeItIsActedOnAndAfterItEnds() throws Exception {
    Client client = outdated("a");
    List<String> seen = new CopyOnWriteArrayList<>();
    StepHooks hooks =
        new StepHooks() {
          @Override
          public void beforeStep(Client target, Step step, CatalogEntry file) {
            seen.add(
                "before "
                    + step
                    + (file == null ? "" : " " + file.name())
                    + " received="
                    + fleet.device("a").received().size());
          }

          @Override
          public void afterStep(
              Client target, Step step, CatalogEntry file, long bytes, Throwable failure) {
            seen.add("after " + step + " bytes=" + bytes + " failure=" + failure);
          }
        };

    try (UpdateSession session = gateway().build().openSession()) {
      session.update(client, hooks);
    }

    long size = headEnd.entry("bin/player").size();
    assertThat(seen)
        .containsExactly(
            "before INTERROGATE received=0", "after INTERROGATE bytes=0 failure=null",
            "before FETCH bin/player received=0", "after FETCH bytes=0 failure=null",
            "before TRANSFER bin/player received=0",
                "after TRANSFER bytes=" + size + " failure=null",
            "before CONFIRM received=1", "after CONFIRM bytes=0 failure=null");
  }

  @Test
  void aHookThatRefusesAStepFailsItWithoutActingOnIt() throws Exception {
    Client client = outdated("a");
    StepHooks noTransfers =
        new StepHooks() {
          @Override
          public void beforeStep(Client target, Step step, CatalogEntry file) throws IOException {
            if (step == Step.TRANSFER) {
              throw new IOException("no transfer slot");
            }
          }
        };

    UpdateReport report;
    try (UpdateSession session = gateway().build().openSession()) {
      report = session.update(client, noTransfers);
    }

    assertThat(report.files())
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.status()).isEqualTo(FileOutcome.Status.FAILED);
              assertThat(file.failedStep()).isEqualTo(Step.TRANSFER);
              assertThat(file.error()).hasMessage("no transfer slot");
            });
    assertThat(fleet.device("a").received()).isEmpty();
  }

  @Test
  void theBytesSentToTheClientPassThroughTheTransferringHook() throws Exception {
    Client client = outdated("a");
    AtomicLong counted = new AtomicLong();
    StepHooks counting =
        new StepHooks() {
          @Override
          public InputStream transferring(Client target, CatalogEntry file, InputStream bytes) {
            return new FilterInputStream(bytes) {
              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                counted.addAndGet(Math.max(0, n));
                return n;
              }
            };
          }
        };

    try (UpdateSession session = gateway().build().openSession()) {
      assertThat(session.update(client, counting).succeeded()).isTrue();
    }

    assertThat(counted).hasValue(headEnd.entry("bin/player").size());
  }

  @Test
  void aStepTimeoutOfItsOwnAppliesToThatStepOnly() throws Exception {
    Client client = outdated("a");
    fleet.device("a").latency(Duration.ofMillis(500));
    UpdateOrchestrator orchestrator =
        gateway().stepTimeout(Step.TRANSFER, Duration.ofMillis(100)).build();

    UpdateReport report = orchestrator.update(client);

    assertThat(report.error())
        .isNull(); // the interrogation took 500 ms under the 30-minute default
    assertThat(report.files())
        .singleElement()
        .satisfies(
            file -> {
              assertThat(file.failedStep()).isEqualTo(Step.TRANSFER);
              assertThat(file.error())
                  .isInstanceOfSatisfying(
                      StepTimeoutException.class,
                      e -> {
                        assertThat(e.step()).isEqualTo(Step.TRANSFER);
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100));
                      });
            });
  }

  @Test
  void confirmationSettlesThenRetriesBeforeItGivesUp() throws Exception {
    Client client = outdated("a");
    fleet.device("a").lieAbout("bin/player");
    UpdateOrchestrator orchestrator =
        gateway().confirmation(Duration.ofSeconds(60), 2, Duration.ofSeconds(20)).build();

    UpdateReport report = orchestrator.update(client);

    assertThat(report.files())
        .singleElement()
        .satisfies(file -> assertThat(file.error()).isInstanceOf(UnconfirmedUpdateException.class));
    assertThat(fleet.device("a").interrogationCount()).isEqualTo(1 + 3);
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void aCancelledSessionStartsNoMoreUpdates() throws Exception {
    Client client = outdated("a");

    UpdateReport report;
    try (UpdateSession session = gateway().build().openSession()) {
      session.cancel();
      report = session.update(client);
      assertThat(session.isCancelled()).isTrue();
    }

    assertThat(report.succeeded()).isFalse();
    assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
    assertThat(fleet.device("a").interrogationCount()).isZero();
  }
}
