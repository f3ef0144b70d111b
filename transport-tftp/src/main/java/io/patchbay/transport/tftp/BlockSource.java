package io.patchbay.transport.tftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * What a {@link Sender} sends: a stream or channel read in large chunks and handed out a block at a
 * time, straight into each block's datagram. A file is read with one system call per {@value
 * #READ_AHEAD} bytes rather than one per block, and blocks of {@value #DIRECT_READ} bytes or more
 * are read from a channel straight into their datagram, with no copy in between. Holds at most
 * {@value #READ_AHEAD} bytes beyond the window. Confined to one thread; closing the stream or
 * channel is the caller's.
 */
final class BlockSource {

  /** How much is read from the source at once for small blocks. */
  static final int READ_AHEAD = 64 * 1024;

  /** Blocks at least this large skip the read-ahead when read from a channel. */
  static final int DIRECT_READ = 16 * 1024;

  private final ReadableByteChannel channel;
  private final InputStream stream;
  private ByteBuffer ahead;
  private boolean ended;

  private BlockSource(ReadableByteChannel channel, InputStream stream) {
    this.channel = channel;
    this.stream = stream;
  }

  /** Reads {@code stream}, such as a user's content or a netascii encoding. */
  static BlockSource of(InputStream stream) {
    return new BlockSource(null, stream);
  }

  /** Reads {@code channel}, such as a served file, into direct memory without copying it twice. */
  static BlockSource of(ReadableByteChannel channel) {
    return new BlockSource(channel, null);
  }

  /**
   * Fills {@code block} from its position to its limit, unless the source ends first, and returns
   * the number of bytes put there.
   */
  int read(ByteBuffer block) throws IOException {
    int start = block.position();
    while (block.hasRemaining()) {
      if (ahead != null && ahead.hasRemaining()) {
        int limit = ahead.limit();
        ahead.limit(ahead.position() + Math.min(ahead.remaining(), block.remaining()));
        block.put(ahead);
        ahead.limit(limit);
      } else if (ended) {
        break;
      } else if (channel != null && block.remaining() >= DIRECT_READ) {
        ended = channel.read(block) < 0;
      } else {
        fill();
      }
    }
    return block.position() - start;
  }

  private void fill() throws IOException {
    if (ahead == null) {
      ahead =
          channel != null ? ByteBuffer.allocateDirect(READ_AHEAD) : ByteBuffer.allocate(READ_AHEAD);
    }
    ahead.clear();
    int count =
        channel != null ? channel.read(ahead) : stream.read(ahead.array(), 0, ahead.capacity());
    if (count < 0) {
      ended = true;
    } else if (channel == null) {
      ahead.position(count);
    }
    ahead.flip();
  }
}
