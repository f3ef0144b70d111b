package io.patchbay.transport.http;

import io.patchbay.spi.AbortSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;

/**
 * A response body that cannot hang its reader: closed from another thread when its {@link
 * StallGuard} finds it stalled or too slow, or when the caller's {@link AbortSignal} aborts, such
 * as at a step's deadline. Closing the body stream wakes a blocked read, where an interrupt does
 * not on JDK 17 (it is swallowed and the read goes on). The read then fails with what happened,
 * rather than a bare "closed": the guard's error, or an {@link InterruptedIOException} for an
 * abort, as for an interrupt.
 *
 * <p>Not thread-safe, like any stream.
 */
final class GuardedInputStream extends WatchedBody {

  private final String exchange;
  private final StallGuard guard;
  private final AbortSignal signal;
  private final AbortSignal.Registration abort;

  GuardedInputStream(
      InputStream body, HttpTransportConfig config, String method, URI uri, AbortSignal signal) {
    super(body);
    this.exchange = method + " " + uri;
    this.guard = new StallGuard(config, method, uri);
    this.signal = signal;
    guard.onStall(this::closeBody);
    this.abort = signal.onAbort(this::closeBody);
  }

  @Override
  void arrived(int n) {
    guard.progress(n);
  }

  @Override
  void ended() {
    guard.close();
  }

  @Override
  public void close() throws IOException {
    abort.close();
    guard.close();
    super.close();
  }

  @Override
  IOException failure(IOException e) {
    if (signal.isAborted()) {
      InterruptedIOException aborted =
          new InterruptedIOException(exchange + " aborted: " + signal.reason());
      aborted.initCause(e);
      return aborted;
    }
    return guard.tripped() ? guard.failure(e) : e;
  }

  private void closeBody() {
    try {
      super.close();
    } catch (IOException ignored) {
      // The reader will see the stream closed; that is the point.
    }
  }
}
