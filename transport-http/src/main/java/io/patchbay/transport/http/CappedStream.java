package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A decoded document that fails with {@link DocumentTooLargeException} as soon as a byte past its
 * limit arrives, so that no reader, whatever it does with the bytes, takes in more. A document of
 * exactly the limit is read to its end. Extends {@link InputStream}, whose skipping reads, so that
 * skipped bytes count too.
 */
final class CappedStream extends InputStream {

  private final InputStream in;
  private final long limit;
  private final URI uri;
  private long remaining;

  CappedStream(InputStream in, long limit, URI uri) {
    this.in = in;
    this.limit = limit;
    this.uri = uri;
    this.remaining = limit;
  }

  @Override
  public int read() throws IOException {
    return OneByte.read(this);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (remaining == 0) {
      if (in.read() < 0) {
        return -1;
      }
      throw new DocumentTooLargeException(uri, limit);
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
