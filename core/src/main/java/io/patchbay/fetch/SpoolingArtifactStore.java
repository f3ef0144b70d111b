package io.patchbay.fetch;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An {@link ArtifactStore} for one update run: verified artifacts are spooled to files in a private
 * temporary directory, shared by every client of the run, and deleted on {@link #close()}.
 *
 * <p>Content-addressed by SHA-256 and single-flight: the first thread to ask for some content
 * downloads it while later ones wait and share the outcome. A failed download stays failed for the
 * run (no thundering retry against a head end that just served bad bytes), except when the
 * downloading thread was interrupted: that says nothing about the head end, so the next waiter
 * downloads afresh.
 */
public final class SpoolingArtifactStore implements ArtifactStore {

  private final Path directory;
  private final SingleFlight<Sha256, Path> flights = new SingleFlight<>(true);

  private SpoolingArtifactStore(Path directory) {
    this.directory = directory;
  }

  /**
   * Creates a store in a new directory under the system's temporary directory.
   *
   * @throws IOException if the directory cannot be created
   */
  public static SpoolingArtifactStore create() throws IOException {
    return new SpoolingArtifactStore(Files.createTempDirectory("patchbay-spool-"));
  }

  /**
   * Creates a store in a new directory under {@code parent}.
   *
   * @throws IOException if the directory cannot be created
   */
  public static SpoolingArtifactStore createIn(Path parent) throws IOException {
    return new SpoolingArtifactStore(Files.createTempDirectory(parent, "patchbay-spool-"));
  }

  @Override
  public Artifact fetch(CatalogEntry entry, CentralCatalog catalog) throws IOException {
    return new SpooledArtifact(
        entry, flights.run(entry.sha256(), () -> downloadAndVerify(entry, catalog)));
  }

  private Path downloadAndVerify(CatalogEntry entry, CentralCatalog catalog) throws IOException {
    Path partial = Files.createTempFile(directory, "download-", ".part");
    try {
      try (InputStream in = catalog.openArtifact(entry);
          OutputStream out = Files.newOutputStream(partial)) {
        VerifyingCopy.copy(in, out, entry.name(), entry.size(), entry.sha256(), bytes -> {});
      }
      return Files.move(
          partial, directory.resolve(entry.sha256().hex()), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(partial);
      throw e;
    }
  }

  /** Deletes every spooled artifact and the store's directory. */
  @Override
  public void close() throws IOException {
    flights.clear();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private record SpooledArtifact(CatalogEntry entry, Path path) implements Artifact {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }
  }
}
