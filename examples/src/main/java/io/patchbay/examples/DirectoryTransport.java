package io.patchbay.examples;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.fetch.Artifact;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.spi.TransportProvider;
import io.patchbay.transfer.Transferer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * A custom transport plugged in through the SPI: scheme {@code dir}, for devices whose storage the
 * gateway mounts as a directory (USB, NFS), and head ends that are a directory. A client at {@code
 * dir:/mnt/stb-7} keeps its list in {@code patchbay-manifest.json} there. Registered in {@code
 * META-INF/services/io.patchbay.spi.TransportProvider}, so {@code Transports.load()} finds it.
 */
public final class DirectoryTransport implements TransportProvider {

  static final String MANIFEST = "patchbay-manifest.json";

  @Override
  public Set<String> schemes() {
    return Set.of("dir");
  }

  @Override
  public ClientInterrogator interrogator() {
    return client -> {
      Path manifest = pathOf(client.endpoint()).resolve(MANIFEST);
      if (!Files.exists(manifest)) {
        return Manifest.empty();
      }
      try (InputStream in = Files.newInputStream(manifest)) {
        return ManifestJson.read(in);
      }
    };
  }

  @Override
  public Transferer transferer() {
    return DirectoryTransport::install;
  }

  @Override
  public CentralCatalog catalog(URI catalogUri) {
    Path catalogFile = pathOf(catalogUri);
    return new CentralCatalog() {
      @Override
      public Catalog fetch() throws IOException {
        try (InputStream in = Files.newInputStream(catalogFile)) {
          return CatalogJson.read(in);
        }
      }

      @Override
      public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
        // A file can start anywhere: seek to the offset rather than read up to it.
        SeekableByteChannel file =
            Files.newByteChannel(pathOf(catalogUri.resolve(entry.location())));
        file.position(from.offset());
        return ArtifactStream.of(Channels.newInputStream(file), from.offset());
      }
    };
  }

  /** The {@code dir:} URI of a directory or file. */
  public static URI uriOf(Path path) {
    try {
      return new URI("dir", null, path.toAbsolutePath().toString(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("No URI for " + path, e);
    }
  }

  private static Path pathOf(URI uri) {
    return Path.of(uri.getPath());
  }

  /** Copies and renames the file into place, then records it, as a careful device would. */
  private static void install(Client client, Artifact artifact, LongConsumer progress)
      throws IOException {
    Path root = pathOf(client.endpoint());
    CatalogEntry entry = artifact.entry();
    Path target = root.resolve(entry.name());
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".part");
    try {
      // The artifact's bytes were checked against the catalog when the gateway fetched them.
      try (InputStream in = artifact.open();
          OutputStream out = Files.newOutputStream(temporary)) {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          out.write(buffer, 0, read);
          copied += read;
          progress.accept(copied);
        }
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    Manifest current = new DirectoryTransport().interrogator().interrogate(client);
    List<FileEntry> entries = new ArrayList<>(current.entries());
    entries.removeIf(existing -> existing.name().equals(entry.name()));
    entries.add(entry.toFileEntry());
    try (OutputStream out = Files.newOutputStream(root.resolve(MANIFEST))) {
      ManifestJson.write(Manifest.of(entries), out);
    }
  }
}
