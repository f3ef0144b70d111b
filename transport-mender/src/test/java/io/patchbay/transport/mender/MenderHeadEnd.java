package io.patchbay.transport.mender;

import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ProcessPeer;
import io.patchbay.transport.http.Nginx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Artifacts made with Debian's mender-artifact tools for the tests, and the catalog entries that
 * publish them on an nginx head end. A missing tool fails the test. Public for the command line's
 * tests.
 */
public final class MenderHeadEnd {

  static final Path SINGLE_FILE_GEN =
      Path.of("/usr/share/doc/mender-client/examples/single-file-artifact-gen");

  private MenderHeadEnd() {}

  /**
   * Builds {@code NAME-VERSION.mender}, a single-file artifact of {@code payload} for device type
   * {@code stb} that installs into {@code destination} and provides {@code
   * rootfs-image.NAME.version}, in {@code directory}.
   */
  public static Path singleFileArtifact(
      Path directory, String name, String version, Path payload, Path destination)
      throws IOException {
    Path artifact = directory.resolve(name + "-" + version + ".mender");
    run(
        directory,
        SINGLE_FILE_GEN.toString(),
        "-n",
        name + "-" + version,
        "-t",
        "stb",
        "-d",
        destination.toString(),
        "--software-name",
        name,
        "--software-version",
        version,
        "-o",
        artifact.toString(),
        payload.toString());
    return artifact;
  }

  /** Runs {@code command} in {@code directory}, failing with its output unless it exits 0. */
  public static String run(Path directory, String... command) throws IOException {
    ProcessPeer.installed(SINGLE_FILE_GEN, "mender-client");
    ProcessPeer.installed(Path.of("/usr/bin/mender-artifact"), "mender-artifact");
    ProcessPeer.Finished finished;
    try {
      finished = ProcessPeer.run(Duration.ofSeconds(60), directory, List.of(command));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted: " + List.of(command), e);
    }
    if (finished.exitCode() != 0) {
      throw new IOException(
          List.of(command) + " exited " + finished.exitCode() + ": " + finished.output());
    }
    return finished.output();
  }

  /**
   * Publishes {@code artifacts} on {@code headEnd} under {@code artifacts/}, each as the catalog
   * entry NAME at VERSION (from its file name, {@code NAME-VERSION.mender}), and writes the
   * catalog.
   */
  public static Catalog publish(Nginx headEnd, Path... artifacts) throws IOException {
    Path directory = Files.createDirectories(headEnd.www().resolve("artifacts"));
    List<CatalogEntry> entries = new ArrayList<>();
    for (Path artifact : artifacts) {
      String file = artifact.getFileName().toString();
      String stem = file.substring(0, file.length() - ".mender".length());
      int dash = stem.lastIndexOf('-');
      Files.copy(artifact, directory.resolve(file));
      entries.add(
          CatalogEntry.of(
              stem.substring(0, dash),
              stem.substring(dash + 1),
              InMemoryCatalog.sha256(Files.readAllBytes(artifact)),
              Files.size(artifact),
              URI.create("artifacts/" + file)));
    }
    Catalog catalog = Catalog.of(1, null, null, entries);
    try (OutputStream out = Files.newOutputStream(headEnd.www().resolve("catalog.json"))) {
      CatalogJson.write(catalog, out);
    }
    return catalog;
  }
}
