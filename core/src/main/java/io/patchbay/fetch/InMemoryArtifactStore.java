package io.patchbay.fetch;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ArtifactStore} that keeps verified artifacts in memory for its whole life, for tests
 * and for small gateways with a few small artifacts; larger ones belong in an {@link
 * ArtifactCache}. Single-flight like every store; a failed download is shared with the requests
 * waiting for it, and tried again by the next request after it. Thread-safe.
 */
public final class InMemoryArtifactStore implements ArtifactStore {

  private final Map<Sha256, byte[]> held = new ConcurrentHashMap<>();
  private final SingleFlight<Sha256, byte[]> downloads = new SingleFlight<>(false);

  @Override
  public Artifact fetch(CatalogEntry entry, CentralCatalog catalog) throws IOException {
    byte[] bytes = held.get(entry.sha256());
    if (bytes == null) {
      bytes = downloads.run(entry.sha256(), () -> download(entry, catalog));
    }
    return new HeldArtifact(entry, bytes);
  }

  /** Tells whether verified bytes of this content are held. */
  public boolean contains(Sha256 digest) {
    return held.containsKey(digest);
  }

  /** Forgets every artifact. */
  @Override
  public void close() {
    held.clear();
  }

  private byte[] download(CatalogEntry entry, CentralCatalog catalog) throws IOException {
    byte[] known = held.get(entry.sha256());
    if (known != null) {
      return known;
    }
    // Not sized from the catalog: a hostile size must not allocate memory up front.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = catalog.openArtifact(entry)) {
      VerifyingCopy.copy(in, out, entry.name(), entry.size(), entry.sha256(), bytes -> {});
    }
    byte[] verified = out.toByteArray();
    held.put(entry.sha256(), verified);
    return verified;
  }

  @SuppressWarnings("ArrayRecordComponent") // private; the bytes are never handed out
  private record HeldArtifact(CatalogEntry entry, byte[] bytes) implements Artifact {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }
}
