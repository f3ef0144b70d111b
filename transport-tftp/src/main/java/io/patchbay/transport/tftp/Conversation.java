package io.patchbay.transport.tftp;

import io.patchbay.internal.Untrusted;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer's socket and its peer: sends packets, waits for the peer's with a deadline, and
 * keeps to the transfer identifier rules of RFC 1350 §4. Shared by client and server.
 *
 * <p>The channel is non-blocking behind a {@link Selector} so that every wait has a timeout and
 * ends promptly when the thread is interrupted (the channel stays open, unlike an interrupted
 * blocking channel) or when {@link #close()} is called from another thread; {@link #wakeup()} too
 * may be called from any thread. Otherwise confined to one thread.
 */
final class Conversation implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);

  /**
   * What the kernel charges for a datagram beyond its bytes (measured on Linux: about 600 bytes of
   * bookkeeping per datagram); used to size the receive buffer for a window.
   */
  private static final int DATAGRAM_OVERHEAD = 1024;

  /**
   * How long an empty socket is polled for the next block of a window before the thread sleeps: a
   * few of the sender's sends (a loopback send of a 1,432-byte datagram takes 2 to 3 us here), and
   * no more, so that a lost block or a preempted sender costs at most this much CPU.
   */
  static final long WINDOW_POLL_NANOS = 10_000;

  /**
   * The pause between two reads of the polled socket: an empty read is a system call, and the next
   * block is still a few microseconds away.
   */
  private static final long WINDOW_POLL_PAUSE_NANOS = 1_000;

  private final DatagramChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  // One byte more than the largest valid packet, so an oversized datagram is seen as such. Direct,
  // as the kernel reads and writes them: a heap buffer costs a copy through the JDK's own direct
  // buffer on every datagram.
  private final ByteBuffer in = ByteBuffer.allocateDirect(Packet.MAX_PACKET + 1);
  private final ByteBuffer out = ByteBuffer.allocateDirect(Packet.MAX_PACKET);
  private InetSocketAddress peer;
  private boolean locked;
  private Duration timeout;
  private final int retries;
  private final int unansweredRetries;
  private boolean answered;
  private final PeerWatch watch;
  private final AnswerPoll answers;

  private Conversation(
      DatagramChannel channel,
      InetSocketAddress peer,
      boolean locked,
      Duration timeout,
      int retries,
      int unansweredRetries,
      Duration answerPoll,
      PeerWatch watch)
      throws IOException {
    this.answers = new AnswerPoll(answerPoll);
    this.channel = channel;
    this.peer = peer;
    this.locked = locked;
    this.timeout = timeout;
    this.retries = retries;
    this.unansweredRetries = Math.min(retries, unansweredRetries);
    this.watch = watch;
    try {
      channel.configureBlocking(false);
      this.selector = Selector.open();
      this.key = channel.register(selector, SelectionKey.OP_READ);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A client's conversation with the server at {@code server}, on an ephemeral port. Its peer is
   * not known yet: RFC 1350 §4 has the server answer from a port of its own, which the first packet
   * from the server's host fixes as the peer. Answers are polled for within {@code answerPoll}
   * ({@link AnswerPoll}).
   */
  static Conversation toServer(
      InetSocketAddress server, Duration timeout, int retries, Duration answerPoll)
      throws IOException {
    DatagramChannel channel = DatagramChannel.open(familyOf(server.getAddress()));
    try {
      channel.bind(null);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new Conversation(
        channel, server, false, timeout, retries, retries, answerPoll, PeerWatch.NONE);
  }

  /**
   * A server's conversation with the client at {@code client}, on a fresh ephemeral port of {@code
   * local}'s address: the server's transfer identifier (RFC 1350 §4). Until the client first
   * answers, a packet is sent again at most {@code unansweredRetries} times, not {@code retries}:
   * the request may have been spoofed, and its victim must not get a stream of datagrams. {@code
   * watch} is told what it reads; answers are polled for within {@code answerPoll} ({@link
   * AnswerPoll}).
   */
  static Conversation withClient(
      InetAddress local,
      InetSocketAddress client,
      Duration timeout,
      int retries,
      int unansweredRetries,
      Duration answerPoll,
      PeerWatch watch)
      throws IOException {
    InetAddress bind =
        local.isAnyLocalAddress() && !sameFamily(local, client.getAddress())
            ? anyLocal(client.getAddress())
            : local;
    DatagramChannel channel = DatagramChannel.open(familyOf(bind));
    try {
      channel.bind(new InetSocketAddress(bind, 0));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new Conversation(
        channel, client, true, timeout, retries, unansweredRetries, answerPoll, watch);
  }

  /** The peer's address and port; before a client's first answer, the server's request port. */
  InetSocketAddress peer() {
    return peer;
  }

  /** The per-packet timeout. */
  Duration timeout() {
    return timeout;
  }

  /**
   * How often a packet is sent again before giving up: fewer times while the peer has never
   * answered, if so configured.
   */
  int retries() {
    return answered ? retries : unansweredRetries;
  }

  /** Uses the timeout both sides agreed on (RFC 2349), if they agreed on one. */
  void useTimeout(Duration negotiated) {
    if (negotiated != null) {
      this.timeout = negotiated;
    }
  }

  /**
   * Sizes the socket's receive buffer for {@code windowSize} blocks of {@code blockSize} and
   * returns the window that fits. A window the buffer cannot hold loses its tail on every round and
   * crawls from timeout to timeout, so the receiver negotiates it down instead (RFC 7440 §4 leaves
   * the window to the receiver's means).
   */
  int fitReceiveWindow(int blockSize, int windowSize) throws IOException {
    long perDatagram = (long) blockSize + Packet.DATA_HEADER + DATAGRAM_OVERHEAD;
    long wanted = Math.min(Integer.MAX_VALUE, perDatagram * (windowSize + 1L));
    if (channel.getOption(StandardSocketOptions.SO_RCVBUF) < wanted) {
      // The kernel caps the size (net.core.rmem_max on Linux); what it granted is read back.
      channel.setOption(StandardSocketOptions.SO_RCVBUF, (int) wanted);
    }
    long granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
    return (int) Math.max(1, Math.min(windowSize, granted / perDatagram));
  }

  /** Sends {@code packet} to the peer. */
  void send(Packet packet) throws IOException {
    out.clear();
    packet.encode(out);
    out.flip();
    sendDatagram(out);
  }

  /**
   * Sends the bytes of {@code datagram} between its position and limit to the peer as one datagram,
   * and leaves its position where it was, so that it can be sent again.
   */
  void sendDatagram(ByteBuffer datagram) throws IOException {
    int start = datagram.position();
    try {
      sendOnce(datagram);
    } finally {
      datagram.position(start);
    }
  }

  private void sendOnce(ByteBuffer datagram) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (channel.send(datagram, peer) == 0) {
      // The socket's send buffer is full: wait until it drains, or count the datagram as lost
      // (retransmission recovers it) once a timeout has passed. A wakeup is no reason to give up.
      key.interestOps(SelectionKey.OP_WRITE);
      try {
        if (select(deadline) == 0 && System.nanoTime() - deadline >= 0) {
          return;
        }
      } finally {
        key.interestOps(SelectionKey.OP_READ);
      }
    }
  }

  /**
   * Tells the peer why the transfer ends, best effort: ERROR packets are never acknowledged or
   * retransmitted (RFC 1350 §7), and a failure to send one must not hide the reason.
   */
  void sendError(TftpErrorCode code, String message) {
    watch.ending();
    try {
      send(new Packet.ErrorPacket(code, message));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not send ERROR {} to {}", code, peer, e);
    }
  }

  /**
   * Ends the transfer with an ERROR telling the peer it broke the protocol, and returns the
   * exception to throw.
   */
  TftpProtocolException abort(TftpErrorCode code, String reason) {
    sendError(code, reason);
    return new TftpProtocolException(peer, code, reason);
  }

  /**
   * Waits until {@code deadlineNanos} ({@link System#nanoTime()}) for the peer's next packet, and
   * returns it, or {@code null} if none came in time. Datagrams from anyone else are answered with
   * ERROR 5 and skipped without extending the deadline, so they cannot stall a transfer.
   *
   * @throws TftpProtocolException if the peer sent a malformed datagram (it is told so)
   * @throws InterruptedIOException if the thread is interrupted; its interrupt status stays set
   */
  Packet receive(long deadlineNanos) throws IOException {
    return receive(deadlineNanos, Expecting.ANYTHING);
  }

  /**
   * {@link #receive(long)}, told what the peer is expected to do next, which decides how an empty
   * socket is waited on: see {@link Expecting}.
   */
  Packet receive(long deadlineNanos, Expecting expecting) throws IOException {
    if (expecting != Expecting.ANSWER) {
      return read(
          deadlineNanos,
          expecting == Expecting.NEXT_OF_WINDOW ? System.nanoTime() + WINDOW_POLL_NANOS : 0);
    }
    long asked = System.nanoTime();
    long poll = answers.tryPoll();
    Packet answer;
    if (poll == 0) {
      // Whatever this wait ends with, the socket is read as always, so an empty read still tells
      // the watch that nothing was waiting.
      select(deadlineNanos);
      answer = read(deadlineNanos, 0);
    } else {
      try {
        answer = read(Math.min(deadlineNanos, asked + poll), asked + poll);
      } finally {
        answers.polled();
      }
      if (answer == null && System.nanoTime() - deadlineNanos < 0) {
        answer = read(deadlineNanos, 0);
      }
    }
    if (answer != null) {
      answers.answered(System.nanoTime() - asked);
    }
    return answer;
  }

  /**
   * Reads the peer's next packet, polling an empty socket until {@code pollUntil} (0 for not at
   * all) and then sleeping until {@code deadlineNanos}; {@code null} if none came.
   */
  private Packet read(long deadlineNanos, long pollUntil) throws IOException {
    while (true) {
      in.clear();
      long mark = watch.reading();
      SocketAddress from = channel.receive(in);
      if (from == null) {
        watch.nothingWaiting(mark);
        if (pollUntil != 0 && System.nanoTime() - pollUntil < 0) {
          pause();
          continue;
        }
        if (select(deadlineNanos) == 0 && System.nanoTime() - deadlineNanos >= 0) {
          return null;
        }
        continue;
      }
      in.flip();
      InetSocketAddress source = (InetSocketAddress) from;
      if (!acceptsFrom(source)) {
        strayed(source);
        continue;
      }
      answered = true;
      watch.heard();
      try {
        return Packet.decode(in);
      } catch (Packet.Malformed e) {
        throw abort(TftpErrorCode.ILLEGAL_OPERATION, "Malformed packet: " + e.getMessage());
      }
    }
  }

  private static void pause() {
    long end = System.nanoTime() + WINDOW_POLL_PAUSE_NANOS;
    do {
      Thread.onSpinWait();
    } while (System.nanoTime() - end < 0);
  }

  /** What the peer is expected to send next, for {@link #receive(long, Expecting)}. */
  enum Expecting {
    /** Nothing in particular: the socket is read, and waited on only if it is empty. */
    ANYTHING,

    /**
     * An answer to what was just sent (a request or OACK, a lockstep DATA or ACK, the end of a
     * window): the socket is almost surely empty. While the peer answers fast, it is polled for a
     * little longer than the peer takes ({@link AnswerPoll}); otherwise it is waited on before it
     * is read, one system call less per block.
     */
    ANSWER,

    /**
     * The next block of a window that the peer sends back to back (RFC 7440): it is a few
     * microseconds away, so an empty socket is read again for up to {@link #WINDOW_POLL_NANOS}
     * before the thread sleeps. A receiver faster than its sender otherwise falls asleep after
     * nearly every block, and each wake-up costs both sides more than the block itself: the
     * sender's send does the waking.
     */
    NEXT_OF_WINDOW
  }

  /**
   * Sends {@code packet} and waits for an answer that {@code answers} accepts, sending it again
   * after each timeout, at most {@link #retries()} times: the lockstep of a request or an OACK.
   *
   * @param awaited what is awaited, in words, for the timeout's message
   * @throws TftpErrorException if the peer answers with an ERROR
   * @throws TftpTimeoutException if no answer came after the last retransmission
   * @throws TftpProtocolException if the peer answers with anything else (it is told so)
   */
  Packet exchange(Packet packet, Predicate<Packet> answers, String awaited) throws IOException {
    for (int attempt = 1; ; attempt++) {
      send(packet);
      Packet answer = receive(System.nanoTime() + timeout.toNanos(), Expecting.ANSWER);
      if (answer == null) {
        if (attempt > retries()) {
          throw timedOut(awaited, attempt);
        }
        continue;
      }
      if (answer instanceof Packet.ErrorPacket error) {
        throw peerError(error);
      }
      if (!answers.test(answer)) {
        throw unexpected(answer, awaited);
      }
      return answer;
    }
  }

  /** The exception for the peer's ERROR packet. */
  TftpErrorException peerError(Packet.ErrorPacket error) {
    return new TftpErrorException(peer, error.code(), error.message());
  }

  /**
   * Ends the transfer over a packet that has no place at this point, and returns the exception to
   * throw.
   */
  TftpProtocolException unexpected(Packet packet, String awaited) {
    return abort(
        TftpErrorCode.ILLEGAL_OPERATION,
        "Unexpected " + packet.getClass().getSimpleName() + " while awaiting " + awaited);
  }

  /** The exception for a peer that stayed silent through {@code attempts} waits. */
  TftpTimeoutException timedOut(String awaited, int attempts) {
    return new TftpTimeoutException(peer, awaited, attempts, timeout);
  }

  /**
   * Makes a wait in {@link #receive(long)}, the current one or the next, read the socket again at
   * once, without ending it. Any thread may call it.
   */
  void wakeup() {
    selector.wakeup();
  }

  /** Closes the socket; a thread waiting in {@link #receive(long)} wakes and fails. Idempotent. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing the socket for {} failed", peer, e);
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("Closing the selector for {} failed", peer, e);
    }
  }

  /**
   * RFC 1350 §4: a transfer's packets come from one host and port. A client learns the port from
   * the server's first answer, which must come from the host it asked.
   */
  private boolean acceptsFrom(InetSocketAddress source) {
    if (locked) {
      return source.equals(peer);
    }
    if (!source.getAddress().equals(peer.getAddress())) {
      return false;
    }
    peer = source;
    locked = true;
    return true;
  }

  /**
   * RFC 1350 §4: a packet from an unknown transfer identifier is answered with ERROR 5 and
   * otherwise ignored, so the transfer carries on. An ERROR is not answered: two lost transfers
   * must not bounce errors between them.
   */
  private void strayed(InetSocketAddress source) {
    boolean isError = in.remaining() >= 2 && in.getShort(0) == Packet.ErrorPacket.OPCODE;
    LOG.debug("Ignoring a datagram from {}, not the peer {}", source, peer);
    if (isError) {
      return;
    }
    ByteBuffer error = ByteBuffer.allocate(64);
    new Packet.ErrorPacket(TftpErrorCode.UNKNOWN_TRANSFER_ID, "Unknown transfer ID").encode(error);
    error.flip();
    try {
      channel.send(error, source);
    } catch (IOException e) {
      LOG.debug("Could not send ERROR 5 to {}", Untrusted.quote(source.toString()), e);
    }
  }

  /**
   * Waits for the selected operation until the deadline; returns the number of ready keys.
   *
   * @throws InterruptedIOException if the thread is interrupted
   * @throws AsynchronousCloseException if the conversation was closed meanwhile
   */
  private int select(long deadlineNanos) throws IOException {
    long remaining = deadlineNanos - System.nanoTime();
    int ready = 0;
    try {
      if (remaining > 0 && !Thread.currentThread().isInterrupted()) {
        ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
        selector.selectedKeys().clear();
      }
    } catch (ClosedSelectorException e) {
      throw closed();
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("Interrupted while talking TFTP with " + peer);
    }
    if (!channel.isOpen()) {
      throw closed();
    }
    return ready;
  }

  private static AsynchronousCloseException closed() {
    return new AsynchronousCloseException();
  }

  private static ProtocolFamily familyOf(InetAddress address) {
    return address instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  private static boolean sameFamily(InetAddress a, InetAddress b) {
    return (a instanceof Inet6Address) == (b instanceof Inet6Address);
  }

  private static InetAddress anyLocal(InetAddress like) throws IOException {
    return InetAddress.getByAddress(new byte[like.getAddress().length]);
  }

  /**
   * Told what a conversation reads from its peer, on the conversation's thread: a server's {@link
   * RunningRequests} learns from it whether a client has answered its transfer, to tell a repeated
   * request from the client's next one.
   */
  interface PeerWatch {
    /** Watches nothing: a client's conversation. */
    PeerWatch NONE = new PeerWatch() {};

    /**
     * Called before each read of the socket; the value is handed to {@link #nothingWaiting} if the
     * read finds nothing.
     */
    default long reading() {
      return 0;
    }

    /** The socket held no datagram when read after {@link #reading()} returned {@code mark}. */
    default void nothingWaiting(long mark) {}

    /** A datagram came from the peer on this conversation's port: the peer has heard from us. */
    default void heard() {}

    /**
     * An ERROR is about to end the transfer (RFC 1350 §7); once it arrives, the peer may send its
     * next request.
     */
    default void ending() {}
  }
}
