package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body stream that watches its own reads, for the wrappers that judge a body as it arrives
 * ({@link GuardedInputStream}, {@link RequestBody}): each read goes to the underlying stream, a
 * failed read throws what the subclass knows of its cause instead, and the bytes that arrived and
 * the end are told to the subclass. Extends {@link InputStream} rather than {@code
 * FilterInputStream} so that single-byte reads and skipping go through {@link #read(byte[], int,
 * int)} too, and count. Not thread-safe, like any stream.
 */
abstract class WatchedBody extends InputStream {

  private final InputStream body;

  WatchedBody(InputStream body) {
    this.body = body;
  }

  @Override
  public final int read() throws IOException {
    return OneByte.read(this);
  }

  @Override
  public final int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = body.read(buffer, offset, length);
    } catch (IOException e) {
      throw failure(e);
    }
    if (n > 0) {
      arrived(n);
    } else if (n < 0) {
      ended();
    }
    return n;
  }

  /** What a read throws when the underlying stream failed with {@code e}. */
  abstract IOException failure(IOException e);

  /** {@code n} more bytes arrived; throwing fails the read that brought them. */
  abstract void arrived(int n) throws IOException;

  /** The body ended; nothing by default. */
  void ended() {}

  @Override
  public int available() throws IOException {
    return body.available();
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
