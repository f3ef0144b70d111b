package io.patchbay.fetch;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.model.CatalogEntry;
import java.io.IOException;

/**
 * Holds verified copies of artifacts on the gateway, so each is downloaded from the head end once
 * however many clients need it.
 *
 * <p>Implementations are thread-safe and single-flight: concurrent requests for the same content
 * cause one download, and share its result or its failure.
 */
public interface ArtifactStore extends AutoCloseable {

  /**
   * Returns a verified copy of {@code entry}'s bytes, downloading them from {@code catalog} if this
   * store does not hold them yet. Blocks while another thread downloads the same content.
   *
   * @throws ArtifactVerificationException if the downloaded bytes do not match the entry's size or
   *     digest; nothing of them stays in the store
   * @throws IOException if the download fails or the store cannot write
   */
  Artifact fetch(CatalogEntry entry, CentralCatalog catalog) throws IOException;

  /** Releases what the store holds that does not outlive it. */
  @Override
  void close() throws IOException;
}
