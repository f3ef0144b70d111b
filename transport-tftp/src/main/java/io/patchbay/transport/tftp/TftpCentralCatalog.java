package io.patchbay.transport.tftp;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A head end served over TFTP, as DOCSIS-style operators run them: a catalog file and the artifacts
 * it lists, read with read requests. Artifact locations resolve against the catalog's URI, so
 * {@code artifacts/player.bin} in {@code tftp://head-end/patchbay/catalog.json} is read as {@code
 * patchbay/artifacts/player.bin}; an absolute {@code tftp} location may name another server only if
 * it is one of {@link TftpTransportConfig#artifactOrigins()}.
 *
 * <p>TFTP cannot start a file in its middle, so an artifact is always sent from its first byte, and
 * a download asked to resume starts over. Thread-safe.
 */
public final class TftpCentralCatalog implements CentralCatalog {

  /** Signature files are read whole: a statement, a few signatures and root documents. */
  private static final int SIGNATURE_FILE_LIMIT = SignatureJson.MAX_BYTES;

  private final TftpTransportConfig config;
  private final TftpClient tftp;
  private final URI catalogUri;

  TftpCentralCatalog(TftpTransportConfig config, TftpClient tftp, URI catalogUri) {
    TftpLocation.of(catalogUri).requireFile();
    this.config = config;
    this.tftp = tftp;
    this.catalogUri = catalogUri;
  }

  /** The catalog's URI; relative artifact locations resolve against it. */
  public URI uri() {
    return catalogUri;
  }

  /**
   * Reads the catalog.
   *
   * @throws TftpErrorException if the head end refuses it, for example with code 1 (not found)
   * @throws TftpTimeoutException if the head end does not answer
   * @throws io.patchbay.format.FormatException if the catalog is malformed or over the limits
   */
  @Override
  public Catalog fetch() throws IOException {
    try (InputStream catalog = open(catalogUri)) {
      return CatalogJson.read(catalog, config.catalogLimits());
    } catch (FormatException e) {
      throw e.in(catalogUri.toString());
    }
  }

  /**
   * Opens an artifact, its location resolved against the catalog's URI, from its first byte
   * whatever {@code from} says (the stream's {@link ArtifactStream#start()} is 0); the caller
   * verifies the bytes. The server's first answer has come when this returns.
   *
   * @throws TftpErrorException if the head end refuses the file
   * @throws TftpTimeoutException if the head end does not answer
   * @throws OriginNotAllowedException if the location names a server other than the catalog's and
   *     those configured; nothing is sent then
   * @throws IllegalArgumentException if the location resolves to a URI other than {@code tftp}
   */
  @Override
  public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
    URI location = catalogUri.resolve(entry.location());
    requireAllowed(location);
    return ArtifactStream.of(open(location), 0);
  }

  private void requireAllowed(URI location) {
    TftpOrigin own = TftpOrigin.of(catalogUri);
    TftpOrigin origin = TftpOrigin.of(location);
    if (origin.equals(own) || config.allowedOrigins().contains(origin)) {
      return;
    }
    List<URI> allowed = new ArrayList<>();
    allowed.add(own.uri());
    allowed.addAll(config.artifactOrigins());
    throw new OriginNotAllowedException(location, allowed, "artifact location");
  }

  /**
   * Opens the catalog document as served, for a verifier that checks its signatures.
   *
   * @throws TftpErrorException if the head end refuses it
   * @throws TftpTimeoutException if the head end does not answer
   */
  @Override
  public InputStream openDocument() throws IOException {
    return open(catalogUri);
  }

  /**
   * Reads the signature file, the catalog's name with {@code .sig} appended.
   *
   * @throws TftpErrorException if the head end refuses it, with code 1 for an unsigned catalog
   * @throws TftpTimeoutException if the head end does not answer
   */
  @Override
  public byte[] readSignatures() throws IOException {
    try (InputStream signatures = open(URI.create(catalogUri + ".sig"))) {
      // A byte over the signature file's limit, so its reader reports the file as too large.
      return signatures.readNBytes(SIGNATURE_FILE_LIMIT + 1);
    }
  }

  private InputStream open(URI uri) throws IOException {
    TftpLocation location = TftpLocation.of(uri);
    return tftp.open(location.server(), location.requireFile(), TftpMode.OCTET);
  }
}
