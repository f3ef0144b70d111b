package io.patchbay.transport.tftp;

import io.patchbay.fetch.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit results a {@link TftpDeviceAgent} publishes (docs/protocol-tftp.md, step 3), one file
 * each in a directory of its own, so that they survive a restart: a gateway that committed just
 * before the device rebooted still learns the outcome.
 *
 * <p>Bounded in count, and each result in size ({@link #MAX_RESULT_BYTES}); a result is kept at
 * least for the retention, so that a flood of commits cannot push out one a gateway still awaits.
 * When every kept result is younger than that, the next commit is refused as busy before it is
 * acted on. Thread-safe: commits are decided one at a time.
 */
final class CommitResults {

  /** The largest result kept: a few members and a detail of at most 1,000 characters. */
  static final int MAX_RESULT_BYTES = 8 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(CommitResults.class);

  /** Decides a commit; called with the results locked, so one commit is decided at a time. */
  @FunctionalInterface
  interface Decision {
    byte[] decide() throws IOException;
  }

  /** A result's bytes and when it was published. */
  private static final class Kept {
    private final byte[] json;
    private final long createdMillis;

    Kept(byte[] json, long createdMillis) {
      this.json = json;
      this.createdMillis = createdMillis;
    }

    byte[] json() {
      return json;
    }

    long createdMillis() {
      return createdMillis;
    }
  }

  private final Path directory;
  private final int maxResults;
  private final Duration retention;
  // Guarded by this; oldest first.
  private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>();

  private CommitResults(Path directory, int maxResults, Duration retention) {
    this.directory = directory;
    this.maxResults = maxResults;
    this.retention = retention;
  }

  /**
   * Opens the results kept in {@code directory}, creating it if needed; files that are not results
   * (such as a write a crash broke off) are deleted, and the oldest beyond {@code maxResults}.
   */
  static CommitResults open(Path directory, int maxResults, Duration retention) throws IOException {
    Files.createDirectories(directory);
    CommitResults results = new CommitResults(directory, maxResults, retention);
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = new ArrayList<>(listing.toList());
    }
    List<Map.Entry<String, Kept>> found = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      String transfer = DeviceProtocol.transferIn(name, "", DeviceProtocol.JSON);
      if (transfer == null
          || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || Files.size(file) > MAX_RESULT_BYTES) {
        Files.deleteIfExists(file);
        continue;
      }
      found.add(
          Map.entry(
              transfer,
              new Kept(Files.readAllBytes(file), Files.getLastModifiedTime(file).toMillis())));
    }
    found.sort(Comparator.comparingLong(entry -> entry.getValue().createdMillis()));
    for (Map.Entry<String, Kept> entry : found) {
      results.kept.put(entry.getKey(), entry.getValue());
    }
    while (results.kept.size() > maxResults) {
      results.evictEldest();
    }
    return results;
  }

  /** The result published for {@code transfer}, or {@code null}. */
  synchronized byte[] get(String transfer) {
    Kept result = kept.get(transfer);
    return result == null ? null : result.json();
  }

  /**
   * Publishes the result {@code decision} makes for {@code transfer}, durably, unless one is
   * published already: a commit is acted on once.
   *
   * @throws Refusal ({@code busy:}) before deciding, if the results are full of ones younger than
   *     the retention
   * @throws IOException what the decision throws, such as a {@link Refusal} of the commit; then
   *     nothing is published
   */
  synchronized void publishOnce(String transfer, Decision decision) throws IOException {
    if (kept.containsKey(transfer)) {
      return;
    }
    makeRoom();
    byte[] json = decision.decide();
    if (json.length > MAX_RESULT_BYTES) {
      throw new IllegalStateException("A commit result of " + json.length + " bytes");
    }
    Durability.replaceAtomically(fileOf(transfer), out -> out.write(json));
    kept.put(transfer, new Kept(json, System.currentTimeMillis()));
  }

  private void makeRoom() throws IOException {
    long cutoff = System.currentTimeMillis() - retention.toMillis();
    while (kept.size() >= maxResults) {
      Kept eldest = kept.values().iterator().next();
      if (eldest.createdMillis() > cutoff) {
        throw new Refusal(
            TftpErrorCode.NOT_DEFINED,
            "busy: "
                + kept.size()
                + " commit results are kept for at least "
                + retention
                + ", try again later");
      }
      evictEldest();
    }
  }

  private void evictEldest() throws IOException {
    Iterator<String> eldest = kept.keySet().iterator();
    String transfer = eldest.next();
    eldest.remove();
    Files.deleteIfExists(fileOf(transfer));
    LOG.debug("Dropped the commit result of {}", transfer);
  }

  private Path fileOf(String transfer) {
    return directory.resolve(transfer + DeviceProtocol.JSON);
  }
}
