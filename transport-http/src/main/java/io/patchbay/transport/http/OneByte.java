package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * The single-byte {@code read()} of this package's stream wrappers: it goes through the stream's
 * own {@code read(byte[], int, int)}, so that the one place where a wrapper counts, limits or
 * judges its bytes sees every byte, however the reader asks for it.
 */
final class OneByte {

  private OneByte() {}

  /** Reads one byte of {@code stream} with its bulk read: the byte, or -1 at the end. */
  static int read(InputStream stream) throws IOException {
    byte[] one = new byte[1];
    return stream.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }
}
