package io.patchbay.trust;

import io.patchbay.fetch.Durability;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Remembers, per head end, the serial and digest of the last catalog accepted, for rollback
 * protection. {@link #file(Path)} keeps them across restarts; {@link #inMemory()} is for tests and
 * for gateways that accept the risk of a replay after a restart. Implementations are thread-safe.
 */
public interface SerialStore {

  /**
   * The last catalog accepted from one head end.
   *
   * @param serial its serial
   * @param sha256 the SHA-256 of its document's bytes
   */
  record Accepted(long serial, Sha256 sha256) {}

  /** What was last accepted from {@code source}, if anything. */
  Optional<Accepted> accepted(String source) throws IOException;

  /**
   * Records that {@code accepted} was accepted from {@code source}; durable when this returns.
   *
   * @throws IOException if it cannot be recorded (then the catalog must not be used)
   */
  void accept(String source, Accepted accepted) throws IOException;

  /** A store that forgets everything when the process ends. */
  static SerialStore inMemory() {
    return new MapSerialStore(new TreeMap<>(), all -> {});
  }

  /**
   * A store in {@code file}, one line per head end ({@code serial sha256 source}), replaced
   * atomically on every change so a crash never loses or tears it. The file is read once, here.
   *
   * @throws IOException if the file exists but cannot be read
   * @throws IllegalArgumentException if its content is not a serial store's
   */
  static SerialStore file(Path file) throws IOException {
    Map<String, Accepted> known = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] fields = line.split(" ", 3);
        if (fields.length != 3) {
          throw new IllegalArgumentException("Not a serial store line in " + file + ": " + line);
        }
        known.put(fields[2], new Accepted(Long.parseLong(fields[0]), Sha256.parse(fields[1])));
      }
    } catch (NoSuchFileException e) {
      // Nothing accepted yet.
    }
    return new MapSerialStore(
        known,
        all ->
            Durability.replaceAtomically(
                file,
                out -> {
                  StringBuilder text = new StringBuilder();
                  all.forEach(
                      (source, last) ->
                          text.append(last.serial())
                              .append(' ')
                              .append(last.sha256().hex())
                              .append(' ')
                              .append(source)
                              .append('\n'));
                  out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                }));
  }
}
