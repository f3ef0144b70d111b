package io.patchbay.transport.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of a transfer, shared by a client's RRQ and a server's WRQ: hands out the
 * payloads of DATA blocks in order, acknowledging a window at a time (RFC 7440).
 *
 * <p>Pull-based: {@link #next()} returns each payload, then {@code null} after the last block,
 * which is acknowledged only when the caller says so ({@link #acknowledgeEnd()}), so a server can
 * store a file before the client learns it arrived, or refuse it ({@link #refuseEnd}). Confined to
 * one thread.
 */
final class Receiver {

  private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

  private final Conversation conversation;
  private final int blockSize;
  private final int windowSize;
  private final Duration dally;
  private final Packet invitation;
  private Packet.Data pending;
  private Packet last;

  /** The next block awaited, counting from 1; the wire carries it modulo 65,536. */
  private long expected = 1;

  private int sinceAck;
  private boolean answeredGap;
  private boolean complete;
  private long deadline;

  /**
   * @param invitation the packet that invites block 1 and is sent again if it does not come: the
   *     request's ACK 0 or OACK
   * @param first block 1 if it already arrived as the answer to a request, else {@code null}
   * @param dally how long to stay after the end to answer a repeated last block (RFC 1350 §6)
   */
  Receiver(
      Conversation conversation,
      TransferOptions options,
      Packet invitation,
      Packet.Data first,
      Duration dally) {
    this.conversation = conversation;
    this.blockSize = options.blockSize();
    this.windowSize = options.windowSize();
    this.dally = dally;
    this.invitation = invitation;
    this.pending = first;
    this.deadline = System.nanoTime() + conversation.timeout().toNanos();
  }

  /**
   * Returns the next block's payload, a view valid until the next call, or {@code null} once the
   * last block has been received.
   *
   * @throws TftpErrorException if the peer ends the transfer with an ERROR
   * @throws TftpTimeoutException if the peer stops sending
   * @throws TftpProtocolException if the peer breaks the protocol (it is told so)
   * @throws java.io.InterruptedIOException if the thread is interrupted
   */
  ByteBuffer next() throws IOException {
    if (complete) {
      return null;
    }
    int attempts = 1;
    while (true) {
      // Right after an ACK (or the invitation) the sender has yet to answer it; within a window,
      // the next block is already queued or on its way.
      Packet packet =
          pending != null
              ? pending
              : conversation.receive(
                  deadline,
                  sinceAck == 0
                      ? Conversation.Expecting.ANSWER
                      : Conversation.Expecting.NEXT_OF_WINDOW);
      pending = null;
      if (packet == null) {
        if (attempts > conversation.retries()) {
          throw conversation.timedOut("DATA block " + expected, attempts);
        }
        attempts++;
        // RFC 7440 §4: on a timeout the receiver acknowledges the last block it has in order,
        // telling the sender where to resume; before block 1 that is the request's answer.
        sendAck(inOrder());
        answeredGap = false;
        deadline = System.nanoTime() + conversation.timeout().toNanos();
      } else if (packet instanceof Packet.Data data) {
        ByteBuffer payload = accept(data);
        if (payload != null) {
          return payload;
        }
      } else if (packet instanceof Packet.ErrorPacket error) {
        throw conversation.peerError(error);
      } else if (packet instanceof Packet.OptionAck
          && expected == 1
          && invitation instanceof Packet.Ack) {
        // The server repeated its OACK: our ACK 0 was lost (RFC 2347). Answer like a duplicate.
        answerGap();
      } else {
        throw conversation.unexpected(packet, "DATA block " + expected);
      }
    }
  }

  /** Whether the last block has been handed out, so that the next {@link #next()} ends. */
  boolean lastReceived() {
    return complete;
  }

  /**
   * Acknowledges the last block and stays a while to acknowledge it again if the peer repeats it.
   */
  void acknowledgeEnd() throws IOException {
    last = inOrder();
    conversation.send(last);
    linger();
  }

  /**
   * Ends the transfer with an ERROR instead of the last ACK, and stays a while to repeat it if the
   * peer repeats its last block: an ERROR is not retransmitted on its own (RFC 1350 §7).
   */
  void refuseEnd(TftpErrorCode code, String message) throws IOException {
    last = new Packet.ErrorPacket(code, message);
    conversation.send(last);
    linger();
  }

  /**
   * Returns the block's payload if it is the one expected; otherwise deals with it and returns
   * {@code null}.
   */
  private ByteBuffer accept(Packet.Data data) throws IOException {
    if (data.block() != (int) (expected & 0xFFFF)) {
      answerGap();
      return null;
    }
    ByteBuffer payload = data.payload();
    if (payload.remaining() > blockSize) {
      throw conversation.abort(
          TftpErrorCode.ILLEGAL_OPERATION,
          "DATA block "
              + expected
              + " of "
              + payload.remaining()
              + " bytes exceeds the block size "
              + blockSize);
    }
    answeredGap = false;
    expected++;
    sinceAck++;
    if (payload.remaining() < blockSize) {
      // RFC 1350 §6: a short block is the last. Its ACK waits for the caller's verdict.
      complete = true;
    } else if (sinceAck == windowSize) {
      // RFC 7440 §4: the receiver acknowledges the last block of each window.
      sendAck(inOrder());
    }
    deadline = System.nanoTime() + conversation.timeout().toNanos();
    return payload;
  }

  /**
   * A block out of order or a duplicate: a block was lost, or the sender did not get our last ACK.
   * RFC 7440 §4 has the receiver acknowledge the last block it has in order, so the sender resumes
   * after it. Only once per gap: answering every stray block of a window would make the sender
   * resend the window once per block (the Sorcerer's Apprentice of RFC 1123 §4.2.3.1, in windows).
   */
  private void answerGap() throws IOException {
    if (!answeredGap) {
      answeredGap = true;
      sendAck(inOrder());
    }
  }

  /** The acknowledgement of the last block received in order; before block 1, the invitation. */
  private Packet inOrder() {
    return expected == 1 ? invitation : new Packet.Ack((int) ((expected - 1) & 0xFFFF));
  }

  private void sendAck(Packet ack) throws IOException {
    sinceAck = 0;
    conversation.send(ack);
  }

  /**
   * RFC 1350 §6: the side that sends the last ACK may dally, answering repeats of the last block,
   * since the sender cannot tell a lost ACK from a lost block. Each answer restarts the wait; the
   * number of answers is bounded like retransmissions.
   */
  private void linger() {
    try {
      for (int answers = 0; !dally.isZero() && answers <= conversation.retries(); answers++) {
        Packet packet = conversation.receive(System.nanoTime() + dally.toNanos());
        if (!(packet instanceof Packet.Data)) {
          return;
        }
        conversation.send(last);
      }
    } catch (IOException e) {
      // The transfer is over either way; an interrupt stays set for the caller to see.
      LOG.debug("Stopped dallying with {}", conversation.peer(), e);
    }
  }
}
