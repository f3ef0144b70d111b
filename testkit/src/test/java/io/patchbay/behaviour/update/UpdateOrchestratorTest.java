package io.patchbay.behaviour.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.fetch.ArtifactVerificationException;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.InvalidCatalogException;
import io.patchbay.plan.Action;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FileOutcome.Status;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.AbortSignal;
import io.patchbay.spi.Transports;
import io.patchbay.spi.UnknownTransportException;
import io.patchbay.testkit.FakeDevice;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.FakeTransport;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.RecordingListener;
import io.patchbay.testkit.RecordingListener.Kind;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.update.StepTimeoutException;
import io.patchbay.update.UnconfirmedUpdateException;
import io.patchbay.update.UpdateListener;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.version.InvalidVersionException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class UpdateOrchestratorTest {

  private final FakeFleet fleet = new FakeFleet();
  private final RecordingListener events = new RecordingListener();
  private InMemoryCatalog headEnd =
      InMemoryCatalog.builder()
          .file("bin/player", "2.0.0", bytes("player 2.0.0 bytes"))
          .file("fw/tuner.bin", "1.1.0", bytes("tuner 1.1.0 bytes"))
          .build();

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private UpdateOrchestrator.Builder gateway() {
    return UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(fleet)
        .transferer(fleet)
        .listener(events);
  }

  /** The head end's bytes of {@code name}: a device holding them is not drifted. */
  private byte[] current(String name) {
    return headEnd.content(name);
  }

  private FakeDevice outdatedDevice(String id) {
    return fleet.add(id).holding("bin/player", "1.0.0").holding("fw/tuner.bin", "1.0.0");
  }

  private static FileOutcome outcome(UpdateReport report, String name) {
    return report.files().stream()
        .filter(file -> file.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void updatesEveryOutdatedFileAndConfirmsByInterrogatingAgain() {
    FakeDevice stb = outdatedDevice("stb-1");

    UpdateReport report = gateway().build().update(stb.client());

    assertThat(report.succeeded()).isTrue();
    assertThat(report.updatedCount()).isEqualTo(2);
    assertThat(stb.version("bin/player")).isEqualTo("2.0.0");
    assertThat(stb.content("fw/tuner.bin")).isEqualTo(headEnd.content("fw/tuner.bin"));
    assertThat(report.bytesTransferred())
        .isEqualTo(headEnd.content("bin/player").length + headEnd.content("fw/tuner.bin").length);
    assertThat(stb.interrogationCount()).isEqualTo(2);
    assertThat(outcome(report, "bin/player"))
        .extracting(
            FileOutcome::action,
            FileOutcome::status,
            FileOutcome::fromVersion,
            FileOutcome::toVersion)
        .containsExactly(Action.UPDATE, Status.UPDATED, "1.0.0", "2.0.0");
  }

  @Test
  void clientMissingAFileGetsItInstalled() {
    FakeDevice stb = fleet.add("stb-1").holding("bin/player", "2.0.0", current("bin/player"));

    UpdateReport report = gateway().build().update(stb.client());

    assertThat(outcome(report, "fw/tuner.bin").action()).isEqualTo(Action.INSTALL);
    assertThat(stb.version("fw/tuner.bin")).isEqualTo("1.1.0");
    assertThat(stb.received()).extracting(entry -> entry.name()).containsExactly("fw/tuner.bin");
  }

  @Test
  void upToDateClientIsInterrogatedOnceAndReceivesNothing() {
    FakeDevice stb =
        fleet
            .add("stb-1")
            .holding("bin/player", "2.0.0", current("bin/player"))
            .holding("fw/tuner.bin", "1.1.0", current("fw/tuner.bin"));

    UpdateReport report = gateway().build().update(stb.client());

    assertThat(report.succeeded()).isTrue();
    assertThat(report.files()).extracting(FileOutcome::status).containsOnly(Status.UNCHANGED);
    assertThat(stb.interrogationCount()).isEqualTo(1);
    assertThat(stb.received()).isEmpty();
    assertThat(headEnd.openCount("bin/player")).isZero();
  }

  @Test
  void corruptDownloadNeverReachesTheClient() {
    headEnd.serve("bin/player", bytes("player 2.0.0 bytez"));
    FakeDevice stb = outdatedDevice("stb-1");

    UpdateReport report = gateway().build().update(stb.client());

    FileOutcome player = outcome(report, "bin/player");
    assertThat(player.status()).isEqualTo(Status.FAILED);
    assertThat(player.failedStep()).isEqualTo(Step.FETCH);
    assertThat(player.error())
        .isInstanceOfSatisfying(
            ArtifactVerificationException.class,
            error ->
                assertThat(error.check()).isEqualTo(ArtifactVerificationException.Check.SHA256));
    assertThat(stb.version("bin/player")).isEqualTo("1.0.0");
    assertThat(stb.received()).extracting(entry -> entry.name()).containsExactly("fw/tuner.bin");
    assertThat(outcome(report, "fw/tuner.bin").status()).isEqualTo(Status.UPDATED);
    assertThat(report.succeeded()).isFalse();
  }

  @Test
  void truncatedDownloadFailsItsSizeCheck() {
    headEnd.serve("fw/tuner.bin", bytes("tuner"));
    FakeDevice stb = outdatedDevice("stb-1");

    FileOutcome tuner = outcome(gateway().build().update(stb.client()), "fw/tuner.bin");

    assertThat(tuner.error())
        .isInstanceOfSatisfying(
            ArtifactVerificationException.class,
            error -> assertThat(error.check()).isEqualTo(ArtifactVerificationException.Check.SIZE));
    assertThat(stb.version("fw/tuner.bin")).isEqualTo("1.0.0");
  }

  @Test
  void failedTransferNeverMarksTheFileUpdatedAndOtherFilesGoOn() {
    FakeDevice stb = outdatedDevice("stb-1");
    stb.failTransferOf(
        "bin/player",
        new TransferRejectedException(
            "stb-1", "bin/player", TransferRejectedException.Reason.NO_SPACE, "flash full"));

    UpdateReport report = gateway().build().update(stb.client());

    FileOutcome player = outcome(report, "bin/player");
    assertThat(player.status()).isEqualTo(Status.FAILED);
    assertThat(player.failedStep()).isEqualTo(Step.TRANSFER);
    assertThat(player.error()).isInstanceOf(TransferRejectedException.class);
    assertThat(stb.version("bin/player")).isEqualTo("1.0.0");
    assertThat(outcome(report, "fw/tuner.bin").status()).isEqualTo(Status.UPDATED);
  }

  @Test
  void clientThatAcceptsButStillReportsTheOldVersionIsNotCountedUpdated() {
    FakeDevice stb = outdatedDevice("stb-1").lieAbout("bin/player");

    UpdateReport report = gateway().build().update(stb.client());

    FileOutcome player = outcome(report, "bin/player");
    assertThat(player.status()).isEqualTo(Status.FAILED);
    assertThat(player.failedStep()).isEqualTo(Step.CONFIRM);
    assertThat(player.error())
        .isInstanceOfSatisfying(
            UnconfirmedUpdateException.class,
            error -> assertThat(error.reportedVersion()).isEqualTo("1.0.0"));
    assertThat(report.updatedCount()).isEqualTo(1);
  }

  @Test
  void aFileWithTheCatalogsVersionButOtherBytesIsReinstalledAndConfirmedByItsDigest() {
    FakeDevice stb =
        fleet
            .add("stb-1")
            .holding("bin/player", "2.0.0", bytes("player 2.0.0 tampered"))
            .holding("fw/tuner.bin", "1.1.0", current("fw/tuner.bin"));

    UpdateReport report = gateway().build().update(stb.client());

    assertThat(outcome(report, "bin/player"))
        .extracting(FileOutcome::action, FileOutcome::status)
        .containsExactly(Action.DRIFTED, Status.UPDATED);
    assertThat(outcome(report, "fw/tuner.bin").action()).isEqualTo(Action.UP_TO_DATE);
    assertThat(stb.content("bin/player")).isEqualTo(headEnd.content("bin/player"));
    assertThat(stb.version("bin/player")).isEqualTo("2.0.0");
    assertThat(stb.interrogationCount()).isEqualTo(2);
    assertThat(report.succeeded()).isTrue();
  }

  @Test
  void aDriftRepairTheClientDoesNotApplyFailsAtConfirmationNamingTheDigest() {
    FakeDevice stb =
        fleet
            .add("stb-1")
            .holding("bin/player", "2.0.0", bytes("player 2.0.0 tampered"))
            .holding("fw/tuner.bin", "1.1.0", current("fw/tuner.bin"))
            .lieAbout("bin/player");

    UpdateReport report = gateway().build().update(stb.client());

    FileOutcome player = outcome(report, "bin/player");
    assertThat(player.status()).isEqualTo(Status.FAILED);
    assertThat(player.failedStep()).isEqualTo(Step.CONFIRM);
    assertThat(player.error())
        .isInstanceOf(UnconfirmedUpdateException.class)
        .hasMessageContaining("another digest");
  }

  @Test
  void driftIsLeftAloneAndReportedWhenThePolicyOnlyReportsIt() {
    byte[] tampered = bytes("player 2.0.0 tampered");
    FakeDevice stb =
        fleet
            .add("stb-1")
            .holding("bin/player", "2.0.0", tampered)
            .holding("fw/tuner.bin", "1.1.0", current("fw/tuner.bin"));

    UpdateReport report =
        gateway()
            .policy(UpdatePolicy.defaults().withRepairDrift(false))
            .build()
            .update(stb.client());

    assertThat(outcome(report, "bin/player"))
        .extracting(FileOutcome::action, FileOutcome::status)
        .containsExactly(Action.DRIFT_REPORTED, Status.UNCHANGED);
    assertThat(stb.content("bin/player")).isEqualTo(tampered);
    assertThat(stb.received()).isEmpty();
  }

  @Test
  void aClientVersionTheHeadEndNeverPublishedIsAnAnomalyThatDoesNotStopTheOtherFiles() {
    FakeDevice odd = fleet.add("stb-odd").holding("bin/player", "9.0.0");
    FakeDevice plain = outdatedDevice("stb-plain");

    FleetReport fleetReport = gateway().build().updateAll(List.of(odd.client(), plain.client()));

    UpdateReport report = fleetReport.clients().get(0);
    assertThat(report.anomalies())
        .singleElement()
        .extracting(
            FileOutcome::name,
            FileOutcome::action,
            FileOutcome::status,
            FileOutcome::fromVersion,
            FileOutcome::toVersion)
        .containsExactly("bin/player", Action.ANOMALY, Status.UNCHANGED, "9.0.0", "2.0.0");
    assertThat(odd.version("bin/player")).isEqualTo("9.0.0");
    assertThat(odd.version("fw/tuner.bin")).isEqualTo("1.1.0");
    assertThat(report.succeeded()).isTrue();
    assertThat(fleetReport.anomalous()).extracting(r -> r.client().id()).containsExactly("stb-odd");
    assertThat(fleetReport.succeeded()).isTrue();
  }

  @Test
  void aNewerClientVersionIsDowngradedWhenThePolicyAllowsAndIsNoAnomaly() {
    FakeDevice odd = fleet.add("stb-odd").holding("bin/player", "9.0.0");

    UpdateReport report =
        gateway()
            .policy(UpdatePolicy.defaults().withAllowDowngrade(true))
            .build()
            .update(odd.client());

    assertThat(outcome(report, "bin/player"))
        .extracting(FileOutcome::action, FileOutcome::status)
        .containsExactly(Action.DOWNGRADE, Status.UPDATED);
    assertThat(odd.version("bin/player")).isEqualTo("2.0.0");
    assertThat(report.anomalies()).isEmpty();
  }

  @Test
  void unreachableClientFailsAtInterrogationWithoutDownloadingAnything() {
    Client ghost = Client.of("ghost", "fake://ghost");

    UpdateReport report = gateway().build().update(ghost);

    assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
    assertThat(report.error()).isInstanceOf(ConnectException.class);
    assertThat(report.plan()).isNull();
    assertThat(headEnd.openCount("bin/player")).isZero();
  }

  @Test
  void unreachableHeadEndFailsEveryClientAtTheCatalogStepWithoutTouchingThem() {
    headEnd.failFetch(new IOException("head end down"));
    FakeDevice stb = outdatedDevice("stb-1");
    FakeDevice other = outdatedDevice("stb-2");

    FleetReport report = gateway().build().updateAll(fleet.clients());

    assertThat(report.clients())
        .allSatisfy(
            client -> {
              assertThat(client.failedStep()).isEqualTo(Step.CATALOG);
              assertThat(client.error()).hasMessage("head end down");
            });
    assertThat(stb.interrogationCount() + other.interrogationCount()).isZero();
  }

  @Test
  void catalogWithAnInvalidVersionIsRejectedNamingTheFileAndVersion() {
    headEnd = InMemoryCatalog.builder().file("bin/player", "2.0").build();
    FakeDevice stb = outdatedDevice("stb-1");

    UpdateReport report = gateway().build().update(stb.client());

    assertThat(report.failedStep()).isEqualTo(Step.CATALOG);
    assertThat(report.error())
        .isInstanceOfSatisfying(
            InvalidCatalogException.class,
            error ->
                assertThat(error.problems())
                    .singleElement()
                    .isInstanceOfSatisfying(
                        InvalidVersionException.class,
                        problem -> {
                          assertThat(problem.fileName()).isEqualTo("bin/player");
                          assertThat(problem.version()).isEqualTo("2.0");
                        }));
    assertThat(stb.interrogationCount()).isZero();
  }

  @Test
  void catalogWithSeveralInvalidVersionsIsRejectedNamingEveryOne() {
    headEnd =
        InMemoryCatalog.builder()
            .file("bin/player", "2.0")
            .file("fw/tuner.bin", "1.1.0")
            .file("etc/channels.json", "01.0.0")
            .build();
    FakeDevice stb = outdatedDevice("stb-1");

    UpdateReport report = gateway().build().update(stb.client());

    assertThat(report.failedStep()).isEqualTo(Step.CATALOG);
    assertThat(report.error())
        .isInstanceOfSatisfying(
            InvalidCatalogException.class,
            error -> {
              assertThat(error.problems())
                  .extracting(problem -> ((InvalidVersionException) problem).fileName())
                  .containsExactly("bin/player", "etc/channels.json");
              assertThat(error).hasMessageContaining("\"2.0\"").hasMessageContaining("\"01.0.0\"");
            });
    assertThat(stb.interrogationCount()).isZero();
  }

  @Test
  void clientReportingAnInvalidVersionFailsThatFileOnly() {
    FakeDevice stb =
        fleet.add("stb-1").holding("bin/player", "one-point-oh").holding("fw/tuner.bin", "1.0.0");

    UpdateReport report = gateway().build().update(stb.client());

    FileOutcome player = outcome(report, "bin/player");
    assertThat(player.action()).isEqualTo(Action.INVALID_VERSION);
    assertThat(player.failedStep()).isEqualTo(Step.PLAN);
    assertThat(player.error())
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            error -> {
              assertThat(error.fileName()).isEqualTo("bin/player");
              assertThat(error.version()).isEqualTo("one-point-oh");
            });
    assertThat(stb.version("bin/player")).isEqualTo("one-point-oh");
    assertThat(stb.version("fw/tuner.bin")).isEqualTo("1.1.0");
  }

  @Test
  void artifactNeededByManyClientsIsDownloadedOncePerRun() {
    List<Client> clients =
        IntStream.range(0, 20).mapToObj(i -> outdatedDevice("stb-" + i).client()).toList();

    FleetReport report = gateway().maxConcurrentClients(8).build().updateAll(clients);

    assertThat(report.succeeded()).isTrue();
    assertThat(headEnd.openCount("bin/player")).isEqualTo(1);
    assertThat(headEnd.openCount("fw/tuner.bin")).isEqualTo(1);
    assertThat(report.artifactsFetched()).isEqualTo(2);
    assertThat(report.artifactsReused()).isEqualTo(38);
    assertThat(report.bytesFetched())
        .isEqualTo(headEnd.content("bin/player").length + headEnd.content("fw/tuner.bin").length);
    assertThat(report.clients())
        .extracting(r -> r.client().id())
        .containsExactlyElementsOf(clients.stream().map(Client::id).toList());
    assertThat(headEnd.fetchCount()).isEqualTo(1);
  }

  @Test
  void artifactsInAPersistentCacheAreNotDownloadedAgainByLaterRuns(@TempDir Path cacheDirectory)
      throws IOException {
    FakeDevice first = outdatedDevice("stb-1");
    FakeDevice second = outdatedDevice("stb-2");
    UpdateOrchestrator gateway =
        gateway().artifactStore(ArtifactCache.open(cacheDirectory, 1 << 20)).build();

    FleetReport monday = gateway.updateAll(List.of(first.client()));
    FleetReport tuesday = gateway.updateAll(List.of(second.client()));

    assertThat(monday.artifactsFetched()).isEqualTo(2);
    assertThat(tuesday.succeeded()).isTrue();
    assertThat(tuesday.artifactsFetched()).isZero();
    assertThat(tuesday.artifactsReused()).isEqualTo(2);
    assertThat(headEnd.openCount("bin/player")).isEqualTo(1);
  }

  @Test
  void downloadLeftHalfDoneByAnEarlierRunIsResumedAndOnlyTheRestCounted(
      @TempDir Path cacheDirectory) throws IOException {
    byte[] player = headEnd.content("bin/player");
    int held = player.length / 2;
    ArtifactCache cache = ArtifactCache.open(cacheDirectory, 1 << 20);
    Files.write(
        cacheDirectory
            .resolve("partial")
            .resolve(headEnd.entry("bin/player").sha256().hex() + ".part"),
        Arrays.copyOf(player, held));
    FakeDevice stb = outdatedDevice("stb-1");

    FleetReport report = gateway().artifactStore(cache).build().updateAll(List.of(stb.client()));

    assertThat(report.succeeded()).isTrue();
    assertThat(stb.content("bin/player")).isEqualTo(player);
    assertThat(headEnd.openOffsets("bin/player")).containsExactly((long) held);
    assertThat(report.bytesFetched())
        .isEqualTo(player.length - held + headEnd.content("fw/tuner.bin").length);
  }

  @Test
  void bytesFromTheHeadEndCountAllItSentWhenItCouldNotResume(@TempDir Path cacheDirectory)
      throws IOException {
    byte[] player = headEnd.content("bin/player");
    ArtifactCache cache = ArtifactCache.open(cacheDirectory, 1 << 20);
    Files.write(
        cacheDirectory
            .resolve("partial")
            .resolve(headEnd.entry("bin/player").sha256().hex() + ".part"),
        Arrays.copyOf(player, player.length / 2));
    CentralCatalog withoutRanges =
        new CentralCatalog() {
          @Override
          public Catalog fetch() throws IOException {
            return headEnd.fetch();
          }

          @Override
          public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from)
              throws IOException {
            return headEnd.openArtifact(entry, ResumePoint.START);
          }
        };
    FakeDevice stb = outdatedDevice("stb-1");

    FleetReport report =
        gateway()
            .catalog(withoutRanges)
            .artifactStore(cache)
            .build()
            .updateAll(List.of(stb.client()));

    assertThat(report.succeeded()).isTrue();
    assertThat(stb.content("bin/player")).isEqualTo(player);
    assertThat(report.bytesFetched())
        .isEqualTo(player.length + headEnd.content("fw/tuner.bin").length);
  }

  @Test
  void oneFailingClientDoesNotAffectTheOthers() {
    FakeDevice good = outdatedDevice("good");
    FakeDevice bad = outdatedDevice("bad").failInterrogation(new ConnectException("no route"));

    FleetReport report = gateway().build().updateAll(List.of(bad.client(), good.client()));

    assertThat(report.failures()).extracting(r -> r.client().id()).containsExactly("bad");
    assertThat(good.version("bin/player")).isEqualTo("2.0.0");
  }

  @Test
  void neverRunsMoreClientsAtOnceThanConfigured() throws InterruptedException {
    List<Client> clients =
        IntStream.range(0, 12)
            .mapToObj(i -> outdatedDevice("stb-" + i).latency(Duration.ofMillis(5)).client())
            .toList();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    ClientInterrogator counting =
        client -> {
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            return fleet.interrogate(client);
          } finally {
            inFlight.decrementAndGet();
          }
        };
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      FleetReport report =
          gateway()
              .interrogator(counting)
              .executor(executor)
              .maxConcurrentClients(3)
              .build()
              .updateAll(clients);

      assertThat(report.succeeded()).isTrue();
      assertThat(mostInFlight.get()).isBetween(1, 3);
    } finally {
      executor.shutdown();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void stepThatOutlastsTheStepTimeoutFailsWithATypedError() {
    FakeDevice slow = outdatedDevice("slow").latency(Duration.ofMinutes(5));

    UpdateReport report =
        gateway().stepTimeout(Duration.ofMillis(200)).build().update(slow.client());

    assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
    assertThat(report.error())
        .isInstanceOfSatisfying(
            StepTimeoutException.class,
            error -> {
              assertThat(error.step()).isEqualTo(Step.INTERROGATE);
              assertThat(error.timeout()).isEqualTo(Duration.ofMillis(200));
            });
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void stepDeadlineStopsIoThatSwallowsInterruptsThroughTheAbortSignal() {
    FakeDevice deaf = outdatedDevice("deaf");
    ClientInterrogator swallowsInterrupts =
        client -> {
          // Like a JDK 17 HttpClient body read: an interrupt is swallowed; only closing the I/O
          // ends it.
          CountDownLatch closed = new CountDownLatch(1);
          AbortSignal.current().onAbort(closed::countDown);
          while (true) {
            try {
              closed.await();
              throw new InterruptedIOException(
                  "Manifest read of "
                      + client.id()
                      + " aborted: "
                      + AbortSignal.current().reason());
            } catch (InterruptedException swallowed) {
              // Read on.
            }
          }
        };

    UpdateReport report =
        gateway()
            .interrogator(swallowsInterrupts)
            .stepTimeout(Duration.ofMillis(200))
            .build()
            .update(deaf.client());

    assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
    assertThat(report.error())
        .isInstanceOf(StepTimeoutException.class)
        .cause()
        .isInstanceOf(InterruptedIOException.class)
        .hasMessage(
            "Manifest read of deaf aborted: Client deaf: INTERROGATE did not finish within PT0.2S");
  }

  @Test
  void interruptingTheCallerCancelsTheRunAndReportsWhatWasLeft() throws Exception {
    FakeDevice stb = outdatedDevice("stb-1");
    FakeDevice waiting = outdatedDevice("stb-2");
    CountDownLatch transferring = new CountDownLatch(1);
    UpdateOrchestrator gateway =
        gateway()
            .maxConcurrentClients(1)
            .transferer(
                (client, artifact, progress) -> {
                  transferring.countDown();
                  stb.latency(Duration.ofMinutes(5));
                  fleet.transfer(client, artifact, progress);
                })
            .build();
    AtomicReference<FleetReport> result = new AtomicReference<>();
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              result.set(gateway.updateAll(List.of(stb.client(), waiting.client())));
              interruptKept.set(Thread.currentThread().isInterrupted());
            });

    caller.start();
    assertThat(transferring.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(caller.isAlive()).isFalse();
    assertThat(interruptKept).isTrue();
    UpdateReport first = result.get().clients().get(0);
    assertThat(first.files())
        .extracting(FileOutcome::status)
        .contains(Status.CANCELLED)
        .doesNotContain(Status.UPDATED);
    assertThat(stb.version("bin/player")).isEqualTo("1.0.0");
    UpdateReport second = result.get().clients().get(1);
    assertThat(second.succeeded()).isFalse();
    assertThat(waiting.received()).isEmpty();
  }

  @Test
  void listenerHearsEachClientsMilestonesInOrder() {
    FakeDevice stb =
        fleet
            .add("stb-1")
            .holding("bin/player", "1.0.0")
            .holding("fw/tuner.bin", "1.1.0", current("fw/tuner.bin"));

    gateway().build().update(stb.client());

    assertThat(events.milestonesOf("stb-1"))
        .containsExactly(
            Kind.INTERROGATED,
            Kind.PLANNED,
            Kind.FILE_STARTED,
            Kind.FILE_FINISHED,
            Kind.FILE_FINISHED,
            Kind.CLIENT_FINISHED);
    assertThat(events.eventsOf("stb-1"))
        .filteredOn(event -> event.kind() == Kind.BYTES_TRANSFERRED)
        .last()
        .extracting(RecordingListener.Event::payload)
        .isEqualTo((long) headEnd.content("bin/player").length);
    assertThat(events.events().get(0).kind()).isEqualTo(Kind.CATALOG_FETCHED);
    assertThat(events.events().get(events.events().size() - 1).kind()).isEqualTo(Kind.RUN_FINISHED);
  }

  @Test
  void failingListenerDoesNotDisturbTheUpdate() {
    FakeDevice stb = outdatedDevice("stb-1");
    UpdateListener broken =
        new UpdateListener() {
          @Override
          public void fileFinished(Client client, FileOutcome outcome) {
            throw new IllegalStateException("listener bug");
          }
        };

    UpdateReport report = gateway().listener(broken).build().update(stb.client());

    assertThat(report.succeeded()).isTrue();
    assertThat(events.outcomes()).hasSize(2);
  }

  @Test
  void transportsRouteByEndpointSchemeAndUnknownSchemesFailTheClient() {
    FakeDevice stb = outdatedDevice("stb-1");
    Client elsewhere = Client.of("stb-9", "carrier-pigeon://loft/9");
    UpdateOrchestrator gateway =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(headEnd)
            .transports(Transports.of(new FakeTransport(fleet, headEnd)))
            .build();

    FleetReport report = gateway.updateAll(List.of(stb.client(), elsewhere));

    assertThat(report.clients().get(0).succeeded()).isTrue();
    assertThat(report.clients().get(1).error())
        .isInstanceOfSatisfying(
            UnknownTransportException.class,
            error -> assertThat(error.known()).containsExactly("fake"));
  }

  @Test
  void planningChangesNothing() throws IOException {
    FakeDevice stb = outdatedDevice("stb-1");

    UpdatePlan plan = gateway().build().plan(stb.client());

    assertThat(plan.transfers()).hasSize(2);
    assertThat(stb.received()).isEmpty();
    assertThat(headEnd.openCount("bin/player")).isZero();
  }
}
