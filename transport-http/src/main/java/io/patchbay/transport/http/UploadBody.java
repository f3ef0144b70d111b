package io.patchbay.transport.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.function.LongConsumer;

/**
 * An artifact's bytes as a request body, read as they are sent: counted for the listener and the
 * stall guard, whose clock stops while the artifact itself is slow to read (a bandwidth budget
 * throttling it), so that only the peer is judged. {@link Exchanges} sends it either through the
 * JDK's client ({@link #publisher()}) or, on plain {@code http}, with {@link SocketExchange}. Read
 * by one thread at a time.
 */
final class UploadBody extends FilterInputStream {
  private final long size;
  private final StallGuard guard;
  private final LongConsumer progress;
  private long total;

  /**
   * @param in the artifact's bytes, exactly {@code size} of them
   * @param guard watches the peer taking them; told when all of them moved
   */
  UploadBody(InputStream in, long size, StallGuard guard, LongConsumer progress) {
    super(in);
    this.size = size;
    this.guard = guard;
    this.progress = progress;
  }

  /** The body's length, for {@code Content-Length}. */
  long size() {
    return size;
  }

  /** The guard watching this body; it also watches the wait for the response that follows. */
  StallGuard guard() {
    return guard;
  }

  /** This body for the JDK's client, with its length. */
  HttpRequest.BodyPublisher publisher() {
    return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> this), size);
  }

  @Override
  public int read() throws IOException {
    return OneByte.read(this);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    guard.pause();
    int n;
    try {
      n = super.read(buffer, offset, length);
    } finally {
      guard.resume();
    }
    if (n > 0) {
      total += n;
      guard.progress(n);
      progress.accept(total);
    }
    if (n < 0 || total >= size) {
      guard.finished();
    }
    return n;
  }
}
