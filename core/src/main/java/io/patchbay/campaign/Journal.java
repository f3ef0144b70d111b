package io.patchbay.campaign;

import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.report.Step;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign's crash-safe journal: an append-only file of records, each framed as a 4-byte length,
 * a 4-byte CRC32C of the payload, and the payload. An append returns only once the record is on
 * disk ({@link FileChannel#force}), so what the journal says was started may have been acted on,
 * and nothing was acted on that it does not say.
 *
 * <p>One writer thread does all writes and forces: appends from many client threads queue, and one
 * force covers every record queued meanwhile (group commit). It also means a campaign's
 * cancellation, which interrupts client threads, can never interrupt (and so close) the channel.
 *
 * <p>Opening replays the file. A last record cut short by a crash (shorter than its length says,
 * failing its checksum, or a zero-filled tail) is dropped and the file truncated to the last whole
 * record; a damaged record followed by more data is corruption and fails the open.
 */
// The journal stores record kinds by ordinal: the enums' order is part of its on-disk format.
@SuppressWarnings("EnumOrdinal")
final class Journal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final int MAX_RECORD = 64 << 20;
  private static final int MAX_REASON = 2000;

  private static final byte STARTED = 1;
  private static final byte STEP = 2;
  private static final byte CLIENT_DONE = 3;
  private static final byte WAVE = 4;
  private static final byte FINISHED = 5;

  private final Path file;
  private final FileChannel channel;
  private final Replay replay;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile IOException failure;

  private Journal(Path file, FileChannel channel, Replay replay) {
    this.file = file;
    this.channel = channel;
    this.replay = replay;
    if (channel == null) {
      this.writer = null;
    } else {
      this.writer = DaemonThreads.start("patchbay-campaign-journal", this::writeLoop);
    }
  }

  /** A journal that records nothing, for campaigns that need not survive a crash. */
  static Journal disabled() {
    return new Journal(null, null, new Replay());
  }

  /**
   * Opens (or creates) the journal at {@code file} and replays it, dropping a torn last record.
   *
   * @throws CampaignJournalException if a record before the last is damaged
   * @throws IOException if the file cannot be read or written
   */
  static Journal open(Path file) throws IOException {
    boolean existed = Files.exists(file);
    Replay replay = existed ? replay(file) : new Replay();
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (channel.size() > replay.validLength) {
        LOG.warn(
            "Campaign journal {}: dropping a torn last record at byte {}",
            file,
            replay.validLength);
        channel.truncate(replay.validLength);
        channel.force(true);
      }
      channel.position(replay.validLength);
      if (!existed) {
        forceDirectory(file.toAbsolutePath().getParent());
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new Journal(file, channel, replay);
  }

  /** What the journal held when opened. */
  Replay replay() {
    return replay;
  }

  void started(long catalogSerial, String catalogFingerprint, List<List<String>> waves)
      throws IOException {
    append(
        out -> {
          out.writeByte(STARTED);
          out.writeLong(catalogSerial);
          out.writeUTF(catalogFingerprint);
          out.writeInt(waves.size());
          for (List<String> wave : waves) {
            out.writeInt(wave.size());
            for (String id : wave) {
              out.writeUTF(id);
            }
          }
        });
  }

  void step(String clientId, Step step, String fileName, int attempt) throws IOException {
    append(
        out -> {
          out.writeByte(STEP);
          out.writeUTF(clientId);
          out.writeByte(step.ordinal());
          out.writeUTF(fileName == null ? "" : fileName);
          out.writeInt(attempt);
        });
  }

  void clientDone(ClientOutcome outcome) throws IOException {
    append(
        out -> {
          out.writeByte(CLIENT_DONE);
          out.writeUTF(outcome.clientId());
          out.writeByte(outcome.status().ordinal());
          out.writeInt(outcome.attempts());
          out.writeByte(outcome.failedStep() == null ? -1 : outcome.failedStep().ordinal());
          writeOptional(out, outcome.reason());
          out.writeLong(outcome.bytesToClient());
          out.writeLong(outcome.elapsed().toMillis());
          out.writeInt(outcome.anomalies());
        });
  }

  void wave(int index, WaveReport.Decision decision, String reason) throws IOException {
    append(
        out -> {
          out.writeByte(WAVE);
          out.writeInt(index);
          out.writeByte(decision.ordinal());
          writeOptional(out, reason);
        });
  }

  void finished(CampaignReport.State state) throws IOException {
    append(
        out -> {
          out.writeByte(FINISHED);
          out.writeByte(state.ordinal());
        });
  }

  @Override
  public void close() throws IOException {
    if (channel == null) {
      return;
    }
    queue.add(Pending.STOP);
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    channel.close();
  }

  /** Writes one record's payload. */
  @FunctionalInterface
  private interface Payload {
    void write(DataOutputStream out) throws IOException;
  }

  private void append(Payload payload) throws IOException {
    if (channel == null) {
      return;
    }
    IOException failed = failure;
    if (failed != null) {
      throw new IOException("Campaign journal " + file + " failed earlier", failed);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0);
    out.writeInt(0);
    payload.write(out);
    ByteBuffer frame = ByteBuffer.wrap(bytes.toByteArray());
    int length = frame.capacity() - 8;
    CRC32C crc = new CRC32C();
    crc.update(frame.array(), 8, length);
    frame.putInt(0, length).putInt(4, (int) crc.getValue());
    Pending pending = new Pending(frame);
    queue.add(pending);
    try {
      pending.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The record may still reach the disk; the step it announces is not acted on, which a
      // resumed campaign handles like any client in flight.
      throw new InterruptedIOException("Interrupted while writing the campaign journal");
    } catch (ExecutionException e) {
      throw new IOException("Campaign journal " + file + " could not be written", e.getCause());
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Nobody interrupts this thread but close(), which sends STOP instead; keep serving.
        continue;
      }
      queue.drainTo(batch);
      boolean stop = batch.remove(Pending.STOP);
      try {
        if (failure != null) {
          throw failure;
        }
        for (Pending pending : batch) {
          while (pending.frame.hasRemaining()) {
            channel.write(pending.frame);
          }
        }
        if (!batch.isEmpty()) {
          channel.force(false);
        }
        batch.forEach(pending -> pending.done.complete(null));
      } catch (IOException e) {
        failure = e;
        batch.forEach(pending -> pending.done.completeExceptionally(e));
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  /** A record waiting for the writer. */
  private static final class Pending {
    static final Pending STOP = new Pending(ByteBuffer.allocate(0));
    final ByteBuffer frame;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(ByteBuffer frame) {
      this.frame = frame;
    }
  }

  private static void writeOptional(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeUTF(text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text);
    }
  }

  private static String readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void forceDirectory(Path directory) {
    if (directory == null) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the file's own force still holds its records.
      LOG.debug("Could not force directory {}", directory, e);
    }
  }

  /** What a journal held: the campaign's plan, finished clients, clients in flight, decisions. */
  static final class Replay {
    long catalogSerial;
    String catalogFingerprint;
    List<List<String>> waves;
    final Map<String, ClientOutcome> done = new HashMap<>();
    final Set<String> inFlight = new HashSet<>();
    final Map<Integer, WaveReport.Decision> decisions = new HashMap<>();
    final Map<Integer, String> reasons = new HashMap<>();
    CampaignReport.State finished;
    long validLength;
    long records;

    boolean started() {
      return waves != null;
    }
  }

  static Replay replay(Path file) throws IOException {
    Replay replay = new Replay();
    long size = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      long position = 0;
      while (position < size) {
        if (size - position < 8) {
          break; // a torn header
        }
        int length = in.readInt();
        int checksum = in.readInt();
        if (length <= 0 || length > MAX_RECORD) {
          if (length == 0 && checksum == 0 && restIsZero(in)) {
            break; // a zero-filled tail left by a crash
          }
          throw new CampaignJournalException(file, position, "invalid record length " + length);
        }
        if (position + 8 + length > size) {
          break; // a torn payload
        }
        byte[] payload = in.readNBytes(length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != checksum) {
          if (position + 8 + length == size) {
            break; // the last record, torn within its length
          }
          throw new CampaignJournalException(
              file, position, "checksum mismatch in a record followed by more records");
        }
        try {
          apply(replay, new DataInputStream(new ByteArrayInputStream(payload)));
        } catch (EOFException | IllegalArgumentException | IndexOutOfBoundsException e) {
          throw new CampaignJournalException(file, position, "malformed record: " + e);
        }
        position += 8 + length;
        replay.validLength = position;
        replay.records++;
      }
    }
    return replay;
  }

  private static boolean restIsZero(InputStream in) throws IOException {
    for (int b; (b = in.read()) >= 0; ) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void apply(Replay replay, DataInputStream in) throws IOException {
    byte kind = in.readByte();
    switch (kind) {
      case STARTED -> {
        replay.catalogSerial = in.readLong();
        replay.catalogFingerprint = in.readUTF();
        int waves = in.readInt();
        replay.waves = new ArrayList<>(Math.min(waves, 1024));
        for (int i = 0; i < waves; i++) {
          int size = in.readInt();
          List<String> ids = new ArrayList<>(Math.min(size, 1 << 16));
          for (int j = 0; j < size; j++) {
            ids.add(in.readUTF());
          }
          replay.waves.add(ids);
        }
      }
      case STEP -> {
        String id = in.readUTF();
        if (!replay.done.containsKey(id)) {
          replay.inFlight.add(id);
        }
      }
      case CLIENT_DONE -> {
        String id = in.readUTF();
        ClientOutcome.Status status = ClientOutcome.Status.values()[in.readByte()];
        int attempts = in.readInt();
        byte step = in.readByte();
        String reason = readOptional(in);
        long bytes = in.readLong();
        Duration elapsed = Duration.ofMillis(in.readLong());
        // Records written before anomalies were counted end here.
        int anomalies = in.available() > 0 ? in.readInt() : 0;
        replay.inFlight.remove(id);
        // The group and wave are not recorded: the campaign knows them from its plan.
        replay.done.put(
            id,
            new ClientOutcome(
                id,
                DirectoryEntry.DEFAULT_GROUP,
                -1,
                status,
                attempts,
                step < 0 ? null : Step.values()[step],
                reason,
                anomalies,
                bytes,
                elapsed,
                true));
      }
      case WAVE -> {
        int index = in.readInt();
        replay.decisions.put(index, WaveReport.Decision.values()[in.readByte()]);
        replay.reasons.put(index, readOptional(in));
      }
      case FINISHED -> replay.finished = CampaignReport.State.values()[in.readByte()];
      default -> throw new IllegalArgumentException("unknown record kind " + kind);
    }
  }
}
