package io.patchbay.catalog;

import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * The head end as the gateway sees it: the central list of latest versions, and the bytes of every
 * artifact it lists.
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
   * Opens the bytes of one artifact from its first byte: {@link #openArtifact(CatalogEntry,
   * ResumePoint)} from {@link ResumePoint#START}.
   *
   * @throws IOException if the artifact cannot be opened
   */
  default ArtifactStream openArtifact(CatalogEntry entry) throws IOException {
    return openArtifact(entry, ResumePoint.START);
  }

  /**
   * Opens the bytes of one artifact, streaming, from {@code from} on if the head end can; the
   * caller closes the stream. The bytes are not trusted: the gateway checks the whole artifact's
   * size and digest against {@code entry} before use.
   *
   * <p>The stream starts at {@code from.offset()}, or at 0 when the head end cannot send a range or
   * {@code from.validator()} shows the artifact changed: the caller then discards the bytes it
   * holds (see {@link ArtifactStream#start()}). It never starts anywhere else.
   *
   * <p>Abstract on purpose, with no default that reads from 0 and discards: such a default let a
   * decorator that forgot this method turn every resumed download into a full one, with the bytes
   * discarded missing from the count of what came from the head end. A decorator passes {@code
   * from} on as it is, and returns the head end's stream or one that reports its {@link
   * ArtifactStream#start()}, {@link ArtifactStream#validator()} and {@link
   * ArtifactStream#received()}.
   *
   * @throws IOException if the artifact cannot be opened
   */
  ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException;

  /**
   * Opens the catalog document exactly as the head end serves it, streaming, for a verifier that
   * checks its signatures before anything in it is used ({@code io.patchbay.trust}). The caller
   * closes the stream. The default throws {@link UnsupportedOperationException}: a source that
   * cannot supply the raw document cannot be trusted.
   *
   * @throws IOException if the document cannot be opened
   */
  default InputStream openDocument() throws IOException {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot supply a signed catalog");
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
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot supply a signed catalog");
  }
}
