package io.patchbay.transport.mender;

import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifacts the gateway wraps around plain files (docs/protocol-mender.md, "Plain files"), in
 * its work directory: one per file, version and device type, written once by the first transfer
 * that needs it while the others wait, shared by every transfer that uses it at the same time, and
 * deleted when the last one ends. Thread-safe.
 */
final class Wraps {

  private static final Logger LOG = LoggerFactory.getLogger(Wraps.class);

  private record Key(Sha256 sha256, String name, String version, String deviceType) {}

  /** One wrapped artifact; {@code users} is guarded by the {@link Wraps}. */
  private static final class Held {
    final CompletableFuture<Path> file = new CompletableFuture<>();
    int users;
  }

  private final Path directory;
  private final String installDirectory;
  private final PrivateKey key;
  private final Map<Key, Held> held = new HashMap<>();

  /**
   * Wraps into {@code directory}, for files installed under {@code installDirectory} on devices,
   * signed with {@code key} unless it is {@code null}.
   */
  Wraps(Path directory, String installDirectory, PrivateKey key) {
    this.directory = directory;
    this.installDirectory = installDirectory;
    this.key = key;
  }

  /**
   * The wrapped artifact of {@code artifact} for devices of {@code deviceType}; close it when the
   * transfer ends.
   *
   * @throws IOException if it cannot be written
   */
  Payload wrap(Artifact artifact, String deviceType) throws IOException {
    CatalogEntry entry = artifact.entry();
    Key id = new Key(entry.sha256(), entry.name(), entry.version(), deviceType);
    Held wrapped;
    boolean first;
    synchronized (this) {
      wrapped = held.computeIfAbsent(id, k -> new Held());
      first = wrapped.users++ == 0;
    }
    if (first) {
      try {
        wrapped.file.complete(write(artifact, deviceType));
      } catch (IOException | RuntimeException e) {
        wrapped.file.completeExceptionally(e);
      }
    }
    Path file;
    try {
      file = wrapped.file.get();
    } catch (InterruptedException e) {
      release(id, wrapped);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while wrapping " + entry.name());
    } catch (ExecutionException e) {
      release(id, wrapped);
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
    ArtifactWriter.Spec spec = spec(entry, deviceType);
    return new Payload() {
      @Override
      public String artifactName() {
        return spec.artifactName();
      }

      @Override
      public List<String> deviceTypes() {
        return List.of(deviceType);
      }

      @Override
      public long size() {
        try {
          return Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public void close() {
        release(id, wrapped);
      }
    };
  }

  private Path write(Artifact artifact, String deviceType) throws IOException {
    CatalogEntry entry = artifact.entry();
    Path scratch = Files.createTempDirectory(directory, "wrap");
    Path target = Files.createTempFile(directory, "wrapped", ".mender");
    try (InputStream in = artifact.open()) {
      ArtifactWriter.write(in, entry.size(), spec(entry, deviceType), key, scratch, target);
      return target;
    } catch (GeneralSecurityException e) {
      Files.deleteIfExists(target);
      throw new IOException(
          "Cannot sign the artifact wrapped around " + entry.name() + ": " + e, e);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(target);
      throw e;
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  private ArtifactWriter.Spec spec(CatalogEntry entry, String deviceType) {
    String name = entry.name();
    int slash = name.lastIndexOf('/');
    String destination =
        slash < 0 ? installDirectory : installDirectory + "/" + name.substring(0, slash);
    return new ArtifactWriter.Spec(
        name.replace('/', '-') + "-" + entry.version(),
        deviceType,
        destination,
        name.substring(slash + 1),
        Provides.ROOT_FILE_SYSTEM + "." + name + ".version",
        entry.version());
  }

  private void release(Key id, Held wrapped) {
    synchronized (this) {
      if (--wrapped.users > 0) {
        return;
      }
      held.remove(id, wrapped);
    }
    // No transfer uses it now, and a new one makes its own. Every user waited for the file, so
    // the future is complete.
    if (!wrapped.file.isCompletedExceptionally()) {
      delete(wrapped.file.join());
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete the wrapped artifact {}: {}", file, e.toString());
    }
  }
}
