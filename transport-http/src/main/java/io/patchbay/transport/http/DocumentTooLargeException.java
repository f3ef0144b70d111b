package io.patchbay.transport.http;

import io.patchbay.PatchbayException;
import java.net.URI;

/**
 * Thrown by a read of a catalog document that goes past {@link HttpTransportConfig#catalogLimits()}
 * once decoded, so a small gzip body that inflates without end is never read in full. Not retried.
 */
public final class DocumentTooLargeException extends PatchbayException {

  private final URI uri;
  private final long limit;

  DocumentTooLargeException(URI uri, long limit) {
    super("The document at " + uri + " is longer than " + limit + " bytes (decoded)");
    this.uri = uri;
    this.limit = limit;
  }

  /** Where the document came from. */
  public URI uri() {
    return uri;
  }

  /** The most bytes it may have, decoded. */
  public long limit() {
    return limit;
  }
}
