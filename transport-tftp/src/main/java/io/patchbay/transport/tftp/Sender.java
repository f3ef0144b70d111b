package io.patchbay.transport.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * The sending half of a transfer, shared by a client's WRQ and a server's RRQ: streams a source as
 * DATA blocks, a window at a time (RFC 7440), and returns once the peer acknowledged the last.
 *
 * <p>Blocks are numbered from 1 and carried on the wire modulo 65,536, wrapping to 0 as tftp-hpa
 * does, so files of more than 65,535 blocks work. Only the current window and the block after it
 * are held in memory, each block as its whole datagram in direct memory, so that sending it again
 * copies nothing and the kernel reads it without the JDK's intermediate copy. The block after the
 * window is read while the peer acknowledges, so reading the source is off the path between an ACK
 * and the next DATA. Confined to one thread.
 */
final class Sender {

  private final Conversation conversation;
  private final int blockSize;
  private final int windowSize;

  /** Each slot: a DATA datagram, header and payload, position 0 and limit at its end. */
  private final ByteBuffer[] window;

  /** Blocks count from 1; {@code acked} is the highest the peer acknowledged, 0 before any. */
  private long acked;

  private long sent;
  private long read;
  private long last = -1;
  private long ackedBytes;

  Sender(Conversation conversation, TransferOptions options) {
    this.conversation = conversation;
    this.blockSize = options.blockSize();
    this.windowSize = options.windowSize();
    // The window, and one slot for the block after it.
    this.window = new ByteBuffer[windowSize + 1];
  }

  /**
   * Sends all of {@code source} and returns the number of bytes the peer acknowledged.
   *
   * @param progress told the running count of acknowledged bytes
   * @throws TftpErrorException if the peer ends the transfer with an ERROR
   * @throws TftpTimeoutException if the peer stops acknowledging
   * @throws java.io.InterruptedIOException if the thread is interrupted
   */
  long send(BlockSource source, LongConsumer progress) throws IOException {
    sendWindow(source);
    long deadline = System.nanoTime() + conversation.timeout().toNanos();
    int attempts = 1;
    while (true) {
      // Every packet awaited here answers DATA sent: the socket is empty until the peer answers.
      Packet packet = conversation.receive(deadline, Conversation.Expecting.ANSWER);
      if (packet == null) {
        if (attempts > conversation.retries()) {
          throw conversation.timedOut("ACK of block " + (acked + 1), attempts);
        }
        attempts++;
        // RFC 7440 §4: after a timeout the sender sends the unacknowledged window again.
        sent = acked;
        sendWindow(source);
        deadline = System.nanoTime() + conversation.timeout().toNanos();
      } else if (packet instanceof Packet.Ack ack) {
        long block = acknowledged(ack.block());
        // RFC 1123 §4.2.3.1, the Sorcerer's Apprentice: an ACK that acknowledges nothing new (a
        // duplicate, or a late one) must never trigger a send. Only the timer retransmits, so
        // a duplicated ACK cannot double every DATA packet from here on.
        if (block < 0) {
          continue;
        }
        advanceTo(block);
        progress.accept(ackedBytes);
        if (acked == last) {
          return ackedBytes;
        }
        // RFC 7440 §4: the next window starts after the acknowledged block. An ACK inside the
        // window means the receiver missed the block after it, so the rest is sent again.
        sent = acked;
        sendWindow(source);
        attempts = 1;
        deadline = System.nanoTime() + conversation.timeout().toNanos();
      } else if (packet instanceof Packet.ErrorPacket error) {
        throw conversation.peerError(error);
      } else if (!(packet instanceof Packet.OptionAck && acked == 0)) {
        // A repeated OACK stands for a repeated ACK 0 (RFC 2347) and is ignored like one.
        throw conversation.unexpected(packet, "ACK of block " + (acked + 1));
      }
    }
  }

  /**
   * The block {@code wireBlock} stands for if it acknowledges blocks sent but not yet acknowledged,
   * or -1: on the wire only the low 16 bits travel, and the window (at most {@link
   * TftpClient#MAX_WINDOW_SIZE} blocks) is far smaller than 65,536, so the match is unique.
   */
  private long acknowledged(int wireBlock) {
    long ahead = (wireBlock - acked) & 0xFFFF;
    return ahead >= 1 && ahead <= sent - acked ? acked + ahead : -1;
  }

  private void advanceTo(long block) {
    for (long b = acked + 1; b <= block; b++) {
      ackedBytes += window[slot(b)].limit() - Packet.DATA_HEADER;
    }
    acked = block;
  }

  /**
   * Sends blocks after {@code sent} up to a window past {@code acked}, reading new ones as needed,
   * then reads the block after the window, if any, for the ACK that lets it go.
   */
  private void sendWindow(BlockSource source) throws IOException {
    long end = acked + windowSize;
    while (sent < end && (last < 0 || sent < last)) {
      long block = sent + 1;
      if (block > read) {
        readBlock(source, block);
      }
      conversation.sendDatagram(window[slot(block)]);
      sent = block;
    }
    if (last < 0 && read <= end) {
      readBlock(source, read + 1);
    }
  }

  private void readBlock(BlockSource source, long block) throws IOException {
    int slot = slot(block);
    if (window[slot] == null) {
      window[slot] = ByteBuffer.allocateDirect(Packet.DATA_HEADER + blockSize);
    }
    // The slot held block - windowSize - 1, which the peer has acknowledged: a block is read at
    // most one past the window.
    ByteBuffer datagram = window[slot].clear();
    datagram.putShort((short) Packet.Data.OPCODE).putShort((short) block);
    int length = source.read(datagram);
    datagram.flip();
    read = block;
    // RFC 1350 §6: a block shorter than the block size, even an empty one, ends the file.
    if (length < blockSize) {
      last = block;
    }
  }

  private int slot(long block) {
    return (int) (block % window.length);
  }
}
