package io.patchbay.trust;

import io.patchbay.fetch.Durability;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.RepositoryIds;
import io.patchbay.model.SignedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per repository, the last signed statement a gateway or device accepted, with the root
 * document it was accepted under: the state behind rollback protection and key rotation. {@link
 * #directory(Path)} keeps it across restarts and crashes; {@link #inMemory()} is for tests.
 * Implementations are thread-safe.
 */
public interface SerialStore {

  /**
   * What was last accepted for {@code repository}: the statement, its signatures, and as its only
   * root the root document it was accepted under (none if under the pinned keys).
   *
   * @throws IOException if the stored state cannot be read
   */
  Optional<SignedStatement> accepted(String repository) throws IOException;

  /**
   * Records {@code accepted} for {@code repository}; durable when this returns.
   *
   * @throws IOException if it cannot be recorded (then what it says must not be used)
   */
  void accept(String repository, SignedStatement accepted) throws IOException;

  /** A store that forgets everything when the process ends. */
  static SerialStore inMemory() {
    Map<String, SignedStatement> known = new ConcurrentHashMap<>();
    return new SerialStore() {
      @Override
      public Optional<SignedStatement> accepted(String repository) {
        return Optional.ofNullable(known.get(repository));
      }

      @Override
      public void accept(String repository, SignedStatement accepted) {
        known.put(RepositoryIds.requireValid(repository), accepted);
      }
    };
  }

  /**
   * A store in {@code directory}, one file per repository ({@code <id>.accepted.json}, a signature
   * file), each replaced atomically (temporary file, fsync, rename, directory fsync) so a crash
   * never loses or tears it. The directory is created if missing.
   *
   * @throws IOException if the directory cannot be created
   */
  static SerialStore directory(Path directory) throws IOException {
    Files.createDirectories(directory);
    return new SerialStore() {
      @Override
      public Optional<SignedStatement> accepted(String repository) throws IOException {
        try (InputStream in = Files.newInputStream(file(repository))) {
          return Optional.of(SignatureJson.read(in));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }

      @Override
      public void accept(String repository, SignedStatement accepted) throws IOException {
        Durability.replaceAtomically(file(repository), out -> SignatureJson.write(accepted, out));
      }

      private Path file(String repository) {
        return directory.resolve(RepositoryIds.requireValid(repository) + ".accepted.json");
      }

      @Override
      public String toString() {
        return "serial store in " + directory;
      }
    };
  }
}
