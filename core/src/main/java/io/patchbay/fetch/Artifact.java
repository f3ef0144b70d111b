package io.patchbay.fetch;

import io.patchbay.model.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * The verified bytes of one catalog entry, held by the gateway: their size and SHA-256 matched the
 * catalog before this object existed. Can be opened any number of times, also concurrently.
 */
public interface Artifact {

  /** The catalog entry these bytes belong to. */
  CatalogEntry entry();

  /**
   * Opens the bytes for reading, streaming; the caller closes the stream.
   *
   * @throws IOException if the local copy cannot be read
   */
  InputStream open() throws IOException;
}
