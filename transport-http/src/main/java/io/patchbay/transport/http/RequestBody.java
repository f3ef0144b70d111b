package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A request body as a server reads it, which fails with a {@link CutOffException} when the peer is
 * too slow, idle or gone: at the end of each window of time, at least the minimum rate times the
 * window must have arrived during it. A body that stops altogether is the server's idle timeout's
 * to cut (Jetty then fails the read); this catches a peer that sends a byte now and then to stay
 * under that timeout while it keeps a file busy.
 *
 * <p>Judged as bytes arrive, on the reading thread; not thread-safe.
 */
final class RequestBody extends WatchedBody {

  private final long minimumBytesPerSecond;
  private final long windowNanos;
  private long windowStart = System.nanoTime();
  private long bytesInWindow;

  RequestBody(InputStream body, long minimumBytesPerSecond, Duration window) {
    super(body);
    this.minimumBytesPerSecond = minimumBytesPerSecond;
    this.windowNanos = window.toNanos();
  }

  @Override
  IOException failure(IOException e) {
    return new CutOffException("Reading the request body failed: " + e, e);
  }

  @Override
  void arrived(int n) throws CutOffException {
    bytesInWindow += n;
    long elapsed = System.nanoTime() - windowStart;
    if (minimumBytesPerSecond == 0 || elapsed < windowNanos) {
      return;
    }
    if (bytesInWindow < minimumBytesPerSecond * (elapsed / 1e9)) {
      throw new CutOffException(
          "The request body arrived at "
              + bytesInWindow
              + " bytes in "
              + Duration.ofNanos(elapsed).toMillis()
              + " ms, below the minimum of "
              + minimumBytesPerSecond
              + " bytes/s",
          null);
    }
    windowStart += elapsed;
    bytesInWindow = 0;
  }

  /** The body could not be read whole: too slow, idle for the idle timeout, or the peer left. */
  static final class CutOffException extends IOException {
    private static final long serialVersionUID = 1L;

    CutOffException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
