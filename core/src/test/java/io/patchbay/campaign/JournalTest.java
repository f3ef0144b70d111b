package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.report.Step;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir Path directory;

  Path journalWithThreeClients() throws IOException {
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
              1,
              42,
              Duration.ofMillis(5),
              false));
      journal.wave(0, WaveReport.Decision.PASSED, "1 of 1 succeeded");
      journal.step("b", Step.INTERROGATE, null, 1);
      journal.step("b", Step.TRANSFER, "fw/image.bin", 1);
    }
    return file;
  }

  @Test
  void replayRestoresThePlanFinishedClientsClientsInFlightAndDecisions() throws Exception {
    Path file = journalWithThreeClients();

    try (Journal journal = Journal.open(file)) {
      Journal.Replay replay = journal.replay();
      assertThat(replay.catalogSerial).isEqualTo(7);
      assertThat(replay.waves).containsExactly(List.of("a"), List.of("b", "c"));
      assertThat(replay.done).containsOnlyKeys("a");
      assertThat(replay.done.get("a").bytesToClient()).isEqualTo(42);
      assertThat(replay.done.get("a").anomalies()).isEqualTo(1);
      assertThat(replay.inFlight).containsExactly("b");
      assertThat(replay.decisions).containsEntry(0, WaveReport.Decision.PASSED);
      assertThat(replay.records).isEqualTo(6);
    }
  }

  @Test
  void aLastRecordTornAtAnyByteIsDroppedAndTheFileTruncatedToTheRecordBefore() throws Exception {
    Path file = journalWithThreeClients();
    byte[] whole = Files.readAllBytes(file);
    long lastRecordStart = Journal.replay(withoutLastRecord(whole)).validLength;

    for (int cut = (int) lastRecordStart + 1; cut < whole.length; cut++) {
      Path torn =
          Files.write(directory.resolve("torn-" + cut), java.util.Arrays.copyOf(whole, cut));
      try (Journal journal = Journal.open(torn)) {
        assertThat(journal.replay().records).as("cut at %d", cut).isEqualTo(5);
        assertThat(journal.replay().inFlight).containsExactly("b");
      }
      assertThat(Files.size(torn)).isEqualTo(lastRecordStart);
    }
  }

  @Test
  void aLastRecordWithABadChecksumOrAZeroFilledTailIsDropped() throws Exception {
    Path file = journalWithThreeClients();
    byte[] whole = Files.readAllBytes(file);
    whole[whole.length - 1] ^= 1;
    Path flipped = Files.write(directory.resolve("flipped"), whole);
    Path zeros =
        Files.write(directory.resolve("zeros"), concat(Files.readAllBytes(file), new byte[4096]));

    try (Journal journal = Journal.open(flipped)) {
      assertThat(journal.replay().records).isEqualTo(5);
    }
    try (Journal journal = Journal.open(zeros)) {
      assertThat(journal.replay().records).isEqualTo(6);
    }
    assertThat(Files.size(zeros)).isEqualTo(Files.size(file));
  }

  @Test
  void aDamagedRecordFollowedByMoreRecordsIsCorruptionNotATornTail() throws Exception {
    Path file = journalWithThreeClients();
    byte[] whole = Files.readAllBytes(file);
    whole[12] ^= 1; // inside the first record's payload
    Path damaged = Files.write(directory.resolve("damaged"), whole);

    assertThatThrownBy(() -> Journal.open(damaged))
        .isInstanceOf(CampaignJournalException.class)
        .hasMessageContaining("at byte 0")
        .hasMessageContaining("checksum");
    assertThat(Files.readAllBytes(damaged)).isEqualTo(whole);
  }

  @Test
  void appendsAfterATornTailContinueFromTheLastWholeRecord() throws Exception {
    Path file = journalWithThreeClients();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2}));
    }

    try (Journal journal = Journal.open(file)) {
      journal.finished(CampaignReport.State.COMPLETED);
    }

    Journal.Replay replay = Journal.replay(file);
    assertThat(replay.records).isEqualTo(7);
    assertThat(replay.finished).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(replay.validLength).isEqualTo(Files.size(file));
  }

  @Test
  void concurrentAppendsAllReachTheFile() throws Exception {
    Path file = directory.resolve("busy.journal");
    try (Journal journal = Journal.open(file)) {
      List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String id = "client-" + t;
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    try {
                      journal.step(id, Step.TRANSFER, "file-" + i, 1);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }
                });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }

    assertThat(Journal.replay(file).records).isEqualTo(400);
    assertThat(Journal.replay(file).inFlight).hasSize(8);
  }

  private Path withoutLastRecord(byte[] whole) throws IOException {
    // The journal's own replay of all but the last record tells where the last one starts.
    long end = 0;
    long last = 0;
    while (end < whole.length) {
      last = end;
      end += 8 + ByteBuffer.wrap(whole, (int) end, 4).getInt();
    }
    return Files.write(directory.resolve("prefix"), java.util.Arrays.copyOf(whole, (int) last));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
