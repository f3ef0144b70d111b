package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.report.Step;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSnapshotTest {

  @TempDir Path directory;

  private Path journal(boolean finish) throws Exception {
    Path file = directory.resolve("campaign.journal");
    try (Journal journal = Journal.open(file)) {
      journal.started(7, "fingerprint", List.of(List.of("a"), List.of("b", "c")));
      journal.step("a", Step.INTERROGATE, null, 1);
      journal.clientDone(
          new ClientOutcome(
              "a",
              "default",
              0,
              ClientOutcome.Status.UPDATED,
              1,
              null,
              null,
              0,
              42,
              Duration.ofMillis(5),
              false));
      journal.wave(0, WaveReport.Decision.PASSED, "1 of 1 succeeded");
      journal.step("b", Step.TRANSFER, "fw/image.bin", 1);
      if (finish) {
        journal.finished(CampaignReport.State.CANCELLED);
      }
    }
    return file;
  }

  @Test
  void snapshotShowsThePlanTheOutcomesWithTheirWaveTheClientsInFlightAndTheDecisions()
      throws Exception {
    JournalSnapshot snapshot = JournalSnapshot.read(journal(false));

    assertThat(snapshot.started()).isTrue();
    assertThat(snapshot.catalogSerial()).isEqualTo(7);
    assertThat(snapshot.waves())
        .containsExactly(
            new JournalSnapshot.Wave(
                0, List.of("a"), WaveReport.Decision.PASSED, "1 of 1 succeeded"),
            new JournalSnapshot.Wave(1, List.of("b", "c"), null, null));
    assertThat(snapshot.outcomes()).containsOnlyKeys("a");
    ClientOutcome a = snapshot.outcomes().get("a");
    assertThat(a.wave()).isZero();
    assertThat(a.status()).isEqualTo(ClientOutcome.Status.UPDATED);
    assertThat(a.bytesToClient()).isEqualTo(42);
    assertThat(a.fromJournal()).isTrue();
    assertThat(snapshot.inFlight()).containsExactly("b");
    assertThat(snapshot.finished()).isNull();
  }

  @Test
  void snapshotOfAFinishedCampaignSaysHowItEnded() throws Exception {
    assertThat(JournalSnapshot.read(journal(true)).finished())
        .isEqualTo(CampaignReport.State.CANCELLED);
  }

  @Test
  void aTornLastRecordIsIgnoredAndTheFileLeftAsItIs() throws Exception {
    Path file = journal(true);
    byte[] whole = Files.readAllBytes(file);
    byte[] torn = Arrays.copyOf(whole, whole.length - 1);
    Files.write(file, torn);

    JournalSnapshot snapshot = JournalSnapshot.read(file);

    assertThat(snapshot.finished()).as("the torn record is not read").isNull();
    assertThat(snapshot.inFlight()).containsExactly("b");
    assertThat(Files.readAllBytes(file)).isEqualTo(torn);
  }

  @Test
  void anEmptyJournalHoldsNoCampaignYet() throws Exception {
    Path empty = Files.createFile(directory.resolve("empty.journal"));

    JournalSnapshot snapshot = JournalSnapshot.read(empty);

    assertThat(snapshot.started()).isFalse();
    assertThat(snapshot.waves()).isEmpty();
    assertThat(snapshot.outcomes()).isEmpty();
  }

  @Test
  void aMissingJournalIsAnError() {
    assertThatThrownBy(() -> JournalSnapshot.read(directory.resolve("none.journal")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
