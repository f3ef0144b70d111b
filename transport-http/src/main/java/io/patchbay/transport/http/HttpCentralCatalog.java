package io.patchbay.transport.http;

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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

/**
 * A head end served over HTTP as plain static files: a catalog document and the artifacts it lists,
 * so any web server, object store or CDN can serve it.
 *
 * <p>The catalog is fetched with conditional requests: after the first fetch, a {@code 304 Not
 * Modified} answers with the catalog already parsed. Artifacts stream and resume after dropped
 * connections (see {@link #openArtifact(CatalogEntry, ResumePoint)}). Thread-safe.
 */
public final class HttpCentralCatalog implements CentralCatalog {

  /** Signature files are read whole: a statement, a few signatures and root documents. */
  private static final int SIGNATURE_FILE_LIMIT = SignatureJson.MAX_BYTES;

  private final Exchanges exchanges;
  private final URI catalogUri;
  private final Scope scope;
  private volatile Fetched last;

  HttpCentralCatalog(Exchanges exchanges, URI catalogUri) {
    this.exchanges = exchanges;
    this.catalogUri = catalogUri;
    this.scope = Scope.headEnd(exchanges.config(), catalogUri);
  }

  /** The catalog's URI; relative artifact locations resolve against it. */
  public URI uri() {
    return catalogUri;
  }

  /**
   * Fetches the catalog, revalidating the last one with {@code If-None-Match} and {@code
   * If-Modified-Since}; accepts gzip. Retries transient failures.
   *
   * @throws HttpStatusException if the head end answers with an error status
   * @throws BelowMinimumRateException if the head end sends the catalog slower than the minimum
   *     rate
   * @throws io.patchbay.format.FormatException if the catalog is malformed or over the limits
   */
  @Override
  public Catalog fetch() throws IOException {
    return exchanges.withRetries(
        "GET " + catalogUri,
        () -> {
          Fetched known = last;
          HttpRequest.Builder request =
              exchanges
                  .request(catalogUri)
                  .timeout(exchanges.config().responseTimeout())
                  .header("Accept", "application/json")
                  .header("Accept-Encoding", "gzip")
                  .GET();
          if (known != null && known.etag != null) {
            request.header("If-None-Match", known.etag);
          }
          if (known != null && known.lastModified != null) {
            request.header("If-Modified-Since", known.lastModified);
          }
          HttpResponse<InputStream> response = exchanges.send(request.build(), scope);
          if (response.statusCode() == 304 && known != null) {
            exchanges.discard(response);
            return known.catalog;
          }
          Exchanges.requireSuccess(response);
          try (InputStream body = decoded(response)) {
            Catalog catalog = readCatalog(body);
            last =
                new Fetched(
                    catalog,
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
            return catalog;
          }
        });
  }

  /**
   * Opens an artifact, its location resolved against the catalog's URI, from {@code from} on: with
   * {@code Range}, guarded by {@code If-Range} when {@code from} has a validator, so a changed
   * artifact comes whole, from byte 0 (RFC 9110, section 13.1.5). A server that ignores ranges, or
   * has less than {@code from.offset()} bytes ({@code 416}), sends it whole too. The stream then
   * resumes with range requests when the connection drops, and fails with {@link
   * ArtifactChangedException} if the artifact changed on the server meanwhile, or with {@link
   * BelowMinimumRateException}, without resuming, if it arrives slower than the minimum rate (the
   * reader's own pauses count, so read it promptly). The caller verifies the bytes.
   *
   * <p>The location, and every redirect from it, must be on the catalog's origin or one the config
   * allows ({@link HttpTransportConfig#artifactOrigins()}); the head end's credentials go only to
   * its own origins.
   *
   * @throws OriginNotAllowedException if the location or a redirect names another origin, before
   *     any connection to it is opened
   * @throws HttpStatusException if the head end answers with an error status, such as 404
   */
  @Override
  public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
    URI location = catalogUri.resolve(entry.location());
    scope.requireAllowed(location, "artifact location");
    return ResumingBody.open(exchanges, scope, location, from);
  }

  /**
   * Opens the catalog document as served (gzip decoded), unconditionally, for a verifier that
   * checks its signatures. Retries transient failures to get the response. A read past the catalog
   * limits' {@link io.patchbay.format.JsonLimits#maxDocumentBytes()}, decoded, fails with {@link
   * DocumentTooLargeException}, whoever reads it.
   *
   * @throws HttpStatusException if the head end answers with an error status
   */
  @Override
  public InputStream openDocument() throws IOException {
    long limit = exchanges.config().catalogLimits().maxDocumentBytes();
    return exchanges.withRetries(
        "GET " + catalogUri, () -> new CappedStream(decoded(get(catalogUri)), limit, catalogUri));
  }

  /**
   * Reads the signature file, the catalog's URI with {@code .sig} appended.
   *
   * @throws HttpStatusException if the head end answers with an error status, such as 404 for an
   *     unsigned catalog
   */
  @Override
  public byte[] readSignatures() throws IOException {
    URI signatures = URI.create(catalogUri + ".sig");
    return exchanges.withRetries(
        "GET " + signatures,
        () -> {
          try (InputStream body = decoded(get(signatures))) {
            // A byte over the signature file's limit, so its reader reports the file as too large.
            return body.readNBytes(SIGNATURE_FILE_LIMIT + 1);
          }
        });
  }

  private Catalog readCatalog(InputStream body) throws IOException {
    try {
      // The reader cuts the decoded stream off at the limits' size with a TOO_LARGE error.
      return CatalogJson.read(body, exchanges.config().catalogLimits());
    } catch (FormatException e) {
      throw e.in(catalogUri.toString());
    }
  }

  private HttpResponse<InputStream> get(URI uri) throws IOException {
    HttpRequest request =
        exchanges
            .request(uri)
            .timeout(exchanges.config().responseTimeout())
            .header("Accept-Encoding", "gzip")
            .GET()
            .build();
    HttpResponse<InputStream> response = exchanges.send(request, scope);
    Exchanges.requireSuccess(response);
    return response;
  }

  private InputStream decoded(HttpResponse<InputStream> response) throws IOException {
    InputStream body = response.body();
    boolean gzip =
        response
            .headers()
            .firstValue("Content-Encoding")
            .map(coding -> coding.equalsIgnoreCase("gzip"))
            .orElse(false);
    return gzip ? new GZIPInputStream(body) : body;
  }

  private record Fetched(Catalog catalog, String etag, String lastModified) {}
}
