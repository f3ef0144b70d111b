package io.patchbay.catalog;

import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * The head end as the gateway sees it: the central list of latest versions, and the bytes of
 * every artifact it lists.
 *
 * <p>Implementations are thread-safe and block on I/O, honouring interruption by throwing {@link
 * java.io.InterruptedIOException}; I/O that an interrupt does not stop they register with the
 * caller's {@link io.patchbay.spi.AbortSignal}.
 */
public interface CentralCatalog {

  /**
   * Fetches the current catalog.
   *
   * @throws IOException if the head end cannot be reached
   * @throws io.patchbay.PatchbayException if the catalog is malformed
   */
  Catalog fetch() throws IOException;

  /**
   * Opens the bytes of one artifact, streaming; the caller closes the stream. The bytes are not
   * trusted: the gateway checks their size and digest against {@code entry} before use.
   *
   * @throws IOException if the artifact cannot be opened
   */
  InputStream openArtifact(CatalogEntry entry) throws IOException;

  /**
   * Opens an artifact's bytes from {@code offset} on, to resume a download that broke off. The
   * default reads and discards the first {@code offset} bytes; transports that can read a range
   * override it. The caller still verifies the whole artifact, so a server that changed the
   * artifact meanwhile is caught.
   *
   * @throws IOException if the artifact cannot be opened
   */
  default InputStream openArtifact(CatalogEntry entry, long offset) throws IOException {
    InputStream in = openArtifact(entry);
    try {
      in.skipNBytes(offset);
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Opens the catalog document exactly as the head end serves it, streaming, for a verifier that
   * checks its signatures before anything in it is used ({@code io.patchbay.trust}). The caller
   * closes the stream. The default throws {@link UnsupportedOperationException}: a source that
   * cannot supply the raw document cannot be trusted.
   *
   * @throws IOException if the document cannot be opened
   */
  default InputStream openDocument() throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " cannot supply a signed catalog");
  }

  /**
   * Reads the catalog's detached signature file ({@code catalog.json.sig} beside the catalog),
   * whole; it is small. The default throws {@link UnsupportedOperationException}, like {@link
   * #openDocument()}.
   *
   * @throws java.io.FileNotFoundException if the head end has no signature file for the catalog
   * @throws IOException if it cannot be read
   */
  default byte[] readSignatures() throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " cannot supply a signed catalog");
  }
}
