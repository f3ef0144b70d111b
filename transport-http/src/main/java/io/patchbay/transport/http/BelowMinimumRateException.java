package io.patchbay.transport.http;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Thrown when a body moved slower than {@link HttpTransportConfig#minimumBytesPerSecond()} over its
 * window, in either direction: a peer that answers but trickles. Final: the request is not retried
 * and a download is not resumed, since the peer would be as slow again.
 */
public final class BelowMinimumRateException extends HttpTimeoutException {

  private final String method;
  private final URI uri;
  private final long bytes;
  private final Duration over;
  private final long minimumBytesPerSecond;

  /**
   * Creates the error for the body of {@code method uri} that moved {@code bytes} in {@code over}.
   */
  public BelowMinimumRateException(
      String method, URI uri, long bytes, Duration over, long minimumBytesPerSecond) {
    super(
        method
            + " "
            + uri
            + " moved "
            + bytes
            + " bytes in "
            + over
            + ", below the minimum of "
            + minimumBytesPerSecond
            + " bytes/s");
    this.method = method;
    this.uri = uri;
    this.bytes = bytes;
    this.over = over;
    this.minimumBytesPerSecond = minimumBytesPerSecond;
  }

  /** The request's method, such as {@code GET} or {@code PUT}. */
  public String method() {
    return method;
  }

  /** The URI requested. */
  public URI uri() {
    return uri;
  }

  /** How many bytes of the body moved in {@link #over()}. */
  public long bytes() {
    return bytes;
  }

  /** The time judged, at least the minimum rate's window. */
  public Duration over() {
    return over;
  }

  /** The minimum rate the body fell below, in bytes per second. */
  public long minimumBytesPerSecond() {
    return minimumBytesPerSecond;
  }
}
