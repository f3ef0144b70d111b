package io.patchbay.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The bytes of one artifact as a head end sends them, with what a download that may resume must
 * know: where in the artifact they start, the head end's validator for this version of it, and how
 * many bytes came from the head end to deliver them.
 *
 * <p>A head end asked for the bytes from a {@link ResumePoint} answers from that offset, or from 0
 * when it cannot send a range or the validator shows the artifact changed since: {@link #start()}
 * says which, and a caller holding bytes must then discard them rather than append. Not
 * thread-safe, like any stream.
 */
public abstract class ArtifactStream extends InputStream {

  private final long start;

  /**
   * A stream whose first byte is the artifact's byte at {@code start}.
   *
   * @throws IllegalArgumentException if {@code start} is negative
   */
  protected ArtifactStream(long start) {
    if (start < 0) {
      throw new IllegalArgumentException("Negative start: " + start);
    }
    this.start = start;
  }

  /**
   * Wraps {@code in}, which yields the artifact from byte {@code start} on, for a head end that
   * reads nothing it does not deliver: {@link #received()} counts what was read through it.
   */
  public static ArtifactStream of(InputStream in, long start) {
    return new Counted(Objects.requireNonNull(in, "in"), start);
  }

  /** The offset in the artifact of the first byte this stream yields. */
  public final long start() {
    return start;
  }

  /**
   * What identifies the version of the artifact being sent (for HTTP a strong {@code ETag}, else
   * {@code Last-Modified}), to keep with the bytes and pass back in a {@link ResumePoint}; {@code
   * null} if the head end gives none. Opaque to the caller.
   */
  public String validator() {
    return null;
  }

  /**
   * The bytes received from the head end for this stream so far: those read, and any the source
   * read and discarded, for example to continue after a server that ignored a range. What the
   * gateway reports as downloaded from the head end.
   */
  public abstract long received();

  /** A plain stream, counted as it is read. */
  private static final class Counted extends ArtifactStream {
    private final InputStream in;
    private long received;

    Counted(InputStream in, long start) {
      super(start);
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        received++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        received += n;
      }
      return n;
    }

    // skip() is InputStream's, which reads through read(): skipped bytes are received too.

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public long received() {
      return received;
    }
  }
}
