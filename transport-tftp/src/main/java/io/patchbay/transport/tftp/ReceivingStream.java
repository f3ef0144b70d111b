package io.patchbay.transport.tftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A {@link Receiver} as a stream of the file's bytes, as they arrive. Confined to one thread.
 *
 * <p>A client's stream owns its conversation: reaching the end acknowledges the last block, and
 * closing it early tells the server the transfer was abandoned. A server's stream leaves both to
 * the server, which acknowledges only once the file is stored.
 */
final class ReceivingStream extends InputStream {

  /** {@link #transferTo} gathers blocks into writes of this size. */
  static final int WRITE_CHUNK = 64 * 1024;

  private final Receiver receiver;
  private final Conversation owned;
  private ByteBuffer current;
  private boolean ended;
  private boolean closed;

  private ReceivingStream(Receiver receiver, Conversation owned) {
    this.receiver = receiver;
    this.owned = owned;
  }

  /** A client's stream: it acknowledges the end itself, and closes the conversation when closed. */
  static ReceivingStream owning(Receiver receiver, Conversation conversation) {
    return new ReceivingStream(receiver, conversation);
  }

  /** A server's stream: the caller acknowledges or refuses the end, and closes the conversation. */
  static ReceivingStream borrowing(Receiver receiver) {
    return new ReceivingStream(receiver, null);
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return current.get() & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int count = Math.min(length, current.remaining());
    current.get(buffer, offset, count);
    return count;
  }

  /**
   * Writes the rest of the file to {@code out}, gathering the blocks into writes of up to {@value
   * #WRITE_CHUNK} bytes instead of one write per block. Everything is written before a client's
   * stream acknowledges the last block, so a failed write is never confirmed to the server.
   */
  @Override
  public long transferTo(OutputStream out) throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    byte[] chunk = new byte[WRITE_CHUNK];
    int filled = 0;
    long total = 0;
    while (true) {
      if (current != null && current.hasRemaining()) {
        int count = Math.min(chunk.length - filled, current.remaining());
        current.get(chunk, filled, count);
        filled += count;
      }
      boolean drained = current == null || !current.hasRemaining();
      // The next block after the last ends the transfer, and a client's stream then acknowledges
      // it: whatever is gathered is written first.
      if (filled == chunk.length || (filled > 0 && drained && receiver.lastReceived())) {
        out.write(chunk, 0, filled);
        total += filled;
        filled = 0;
      }
      if (drained && !advance()) {
        return total;
      }
    }
  }

  @Override
  public int available() {
    return current == null ? 0 : current.remaining();
  }

  @Override
  public void close() {
    if (closed || owned == null) {
      return;
    }
    closed = true;
    if (!ended) {
      owned.sendError(TftpErrorCode.NOT_DEFINED, "Transfer abandoned by the client");
    }
    owned.close();
  }

  private boolean fill() throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    while (current == null || !current.hasRemaining()) {
      if (!advance()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Takes the next block, which may be empty, and returns whether there was one; at the end, a
   * client's stream acknowledges the last block.
   */
  private boolean advance() throws IOException {
    if (ended) {
      return false;
    }
    current = receiver.next();
    if (current == null) {
      ended = true;
      if (owned != null) {
        receiver.acknowledgeEnd();
      }
      return false;
    }
    return true;
  }
}
