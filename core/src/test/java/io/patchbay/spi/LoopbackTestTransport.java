package io.patchbay.spi;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Catalog;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.transfer.Transferer;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/** A provider registered in this module's test resources, to prove ServiceLoader discovery. */
public final class LoopbackTestTransport implements TransportProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("loopback-test");
  }

  @Override
  public ClientInterrogator interrogator() {
    return client -> Manifest.of(FileEntry.of("id/" + client.id(), "1.0.0"));
  }

  @Override
  public Transferer transferer() {
    return (client, artifact, progress) -> {
      throw new IOException("loopback-test transport does not transfer");
    };
  }

  @Override
  public CentralCatalog catalog(URI catalogUri) {
    return new CentralCatalog() {
      @Override
      public Catalog fetch() {
        return Catalog.of(1);
      }

      @Override
      public ArtifactStream openArtifact(io.patchbay.model.CatalogEntry entry, ResumePoint from)
          throws IOException {
        throw new IOException("loopback-test catalog has no artifacts");
      }
    };
  }
}
