package io.patchbay.transport.tftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The netascii transfer mode (RFC 1350 §1, after RFC 764): on the wire a line ends with CR LF and a
 * lone CR travels as CR NUL; locally lines end with LF. Both directions are stream filters, so text
 * streams like any other file.
 */
final class Netascii {

  private static final int CR = '\r';
  private static final int LF = '\n';

  private Netascii() {}

  /** Local text to netascii: LF becomes CR LF, CR becomes CR NUL. */
  static InputStream encoding(InputStream local) {
    return new Filter(local) {
      @Override
      int translate() throws IOException {
        int b = in.read();
        if (b == LF) {
          held = LF;
          return CR;
        }
        if (b == CR) {
          held = 0;
          return CR;
        }
        return b;
      }
    };
  }

  /**
   * Netascii to local text: CR LF becomes LF, CR NUL becomes CR. A CR followed by anything else is
   * kept as it is, since peers that send it mean no harm.
   */
  static InputStream decoding(InputStream wire) {
    return new Filter(wire) {
      @Override
      int translate() throws IOException {
        int b = in.read();
        if (b != CR) {
          return b;
        }
        int after = in.read();
        if (after == LF) {
          return LF;
        }
        if (after != 0 && after >= 0) {
          held = after;
        }
        return CR;
      }
    };
  }

  /** A byte-at-a-time translation with one byte held over; text is small, clarity wins. */
  private abstract static class Filter extends FilterInputStream {
    int held = -1;

    Filter(InputStream in) {
      super(in);
    }

    /** The next translated byte, or -1 at the end; may set {@link #held} for the byte after it. */
    abstract int translate() throws IOException;

    @Override
    public int read() throws IOException {
      if (held >= 0) {
        int b = held;
        held = -1;
        return b;
      }
      return translate();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int count = 0;
      while (count < length) {
        int b = read();
        if (b < 0) {
          return count == 0 ? -1 : count;
        }
        buffer[offset + count++] = (byte) b;
        if (held < 0 && in.available() == 0) {
          break;
        }
      }
      return count;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = 0;
      while (skipped < n && read() >= 0) {
        skipped++;
      }
      return skipped;
    }

    @Override
    public int available() {
      return held >= 0 ? 1 : 0;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
