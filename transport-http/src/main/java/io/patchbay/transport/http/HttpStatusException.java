package io.patchbay.transport.http;

import io.patchbay.internal.Untrusted;
import java.io.IOException;
import java.net.URI;

/** Thrown when a server answered with a status that ends the request (after any retries). */
public final class HttpStatusException extends IOException {

  private final URI uri;
  private final int status;
  private final String detail;

  /**
   * Creates the error for {@code status} from {@code uri}; {@code detail} is the server's own
   * words, or null.
   */
  public HttpStatusException(URI uri, int status, String detail) {
    super(
        "HTTP " + status + " from " + uri + (detail == null ? "" : ": " + Untrusted.quote(detail)));
    this.uri = uri;
    this.status = status;
    this.detail = detail;
  }

  /** The URI requested. */
  public URI uri() {
    return uri;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The server's explanation (a problem document's detail or title), or {@code null}. */
  public String detail() {
    return detail;
  }
}
