package io.patchbay.fetch;

import io.patchbay.model.CatalogEntry;
import io.patchbay.model.EntryProof;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The verified bytes of one catalog entry, held by the gateway: their size and SHA-256 matched the
 * catalog before this object existed. Can be opened any number of times, also concurrently.
 *
 * <p>A handle: while it is open, its store keeps the bytes (a cache does not evict them). Close it
 * when done, typically with try-with-resources around the transfer.
 */
public interface Artifact extends AutoCloseable {

  /** The catalog entry these bytes belong to. */
  CatalogEntry entry();

  /**
   * Opens the bytes for reading, streaming; the caller closes the stream.
   *
   * @throws IOException if the local copy cannot be read
   */
  InputStream open() throws IOException;

  /**
   * What shows a device that the head end signed exactly this file ({@code docs/signing.md}), for
   * the transferer to send with it; empty when the catalog was not verified. The default is empty:
   * stores hold bytes, and the orchestrator attaches the proof of the catalog it runs against.
   */
  default Optional<EntryProof> proof() {
    return Optional.empty();
  }

  /** Releases the store's hold on the bytes; streams already opened stay readable. Idempotent. */
  @Override
  default void close() {}
}
