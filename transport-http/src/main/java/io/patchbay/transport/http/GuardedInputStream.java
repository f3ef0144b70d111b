package io.patchbay.transport.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A response body with a read timeout: closed from the guard's thread when no byte arrives for
 * the timeout (closing the JDK's body stream wakes a blocked read), and then reporting an {@link
 * HttpTimeoutException} rather than a bare "closed".
 */
final class GuardedInputStream extends FilterInputStream {

  private final Duration timeout;
  private final StallGuard guard;

  GuardedInputStream(InputStream body, Duration timeout) {
    super(body);
    this.timeout = timeout;
    this.guard = new StallGuard(timeout, this::closeQuietly);
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      guard.progress();
      return b;
    } catch (IOException e) {
      throw stalledOr(e);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int n = super.read(buffer, offset, length);
      guard.progress();
      return n;
    } catch (IOException e) {
      throw stalledOr(e);
    }
  }

  @Override
  public void close() throws IOException {
    guard.close();
    super.close();
  }

  private IOException stalledOr(IOException e) {
    if (!guard.tripped()) {
      return e;
    }
    HttpTimeoutException stalled = new HttpTimeoutException("No data received for " + timeout);
    stalled.initCause(e);
    return stalled;
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException ignored) {
      // The reader will see the stream closed; that is the point.
    }
  }
}
