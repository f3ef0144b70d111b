package io.patchbay.internal.json;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a caller's stream through up to a number of bytes, and fails as soon as a byte past that
 * limit arrives, so an endless or over-long document is never read in full.
 *
 * <p>Closing it does not close the caller's stream.
 */
final class LimitedInputStream extends InputStream {

  /** Thrown by the read that finds a byte past the limit. */
  static final class LimitExceededException extends IOException {
    LimitExceededException(long limit) {
      super("More than " + limit + " bytes");
    }
  }

  private final InputStream in;
  private final long limit;
  private long remaining;

  LimitedInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
    this.remaining = limit;
  }

  @Override
  public int read() throws IOException {
    if (remaining == 0) {
      return endOrFail();
    }
    int b = in.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (remaining == 0) {
      return endOrFail();
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  // Only a byte beyond the limit is an error: a document of exactly the limit is fine.
  private int endOrFail() throws IOException {
    if (in.read() < 0) {
      return -1;
    }
    throw new LimitExceededException(limit);
  }
}
