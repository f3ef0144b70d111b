package io.patchbay.transport.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A UDP relay between TFTP clients and a server that drops, duplicates and reorders a share of the
 * datagrams both ways, from a seeded random source: the kernel here has no netem.
 *
 * <p>Clients send to {@link #address()}. Each client gets its own upstream socket, which sends
 * requests, the first and any repeated, to the server's listening port and everything else to the
 * port the server first answered from (its transfer identifier, RFC 1350 §4). The client sees every
 * answer come from the relay's one port, so the relay stands in for it towards any other server
 * port and answers it with ERROR 5, as the client would. A reordered datagram is held back and sent
 * after the next one in the same direction, or after {@value #HOLD_MILLIS} ms if none comes. {@link
 * #vanishAfter(long)} makes the server seem to vanish.
 */
final class LossyRelay implements AutoCloseable {

  private static final long HOLD_MILLIS = 20;

  private final DatagramChannel front;
  private final InetSocketAddress address;
  private final InetSocketAddress server;
  private final double drop;
  private final double duplicate;
  private final double reorder;
  private final SplittableRandom random;
  private final Selector selector;
  private final Map<InetSocketAddress, Session> sessions = new HashMap<>();
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private final AtomicLong reordered = new AtomicLong();
  private final AtomicLong fromServer = new AtomicLong();
  private volatile long vanishAfter = Long.MAX_VALUE;

  /**
   * Relays to {@code server}, dropping, duplicating and reordering each datagram with the given
   * probabilities; {@code seed} makes a run reproducible in what it does to which datagram.
   */
  LossyRelay(InetSocketAddress server, double drop, double duplicate, double reorder, long seed)
      throws IOException {
    this.server = server;
    this.drop = drop;
    this.duplicate = duplicate;
    this.reorder = reorder;
    this.random = new SplittableRandom(seed);
    this.selector = Selector.open();
    this.front = DatagramChannel.open();
    front.bind(new InetSocketAddress(server.getAddress(), 0));
    this.address = (InetSocketAddress) front.getLocalAddress();
    front.configureBlocking(false);
    front.register(selector, SelectionKey.OP_READ, null);
    this.thread = new Thread(this::run, "lossy-relay");
    thread.setDaemon(true);
    thread.start();
  }

  /** Where clients send their requests. */
  InetSocketAddress address() {
    return address;
  }

  /**
   * From now on, after {@code datagrams} more from the server, the server seems gone: nothing
   * passes either way.
   */
  void vanishAfter(long datagrams) {
    vanishAfter = fromServer.get() + datagrams;
  }

  long dropped() {
    return dropped.get();
  }

  long duplicated() {
    return duplicated.get();
  }

  long reordered() {
    return reordered.get();
  }

  @Override
  public void close() throws IOException {
    selector.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    front.close();
    for (Session session : sessions.values()) {
      session.upstream.close();
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(65_536);
    try {
      while (selector.isOpen()) {
        selector.select(HOLD_MILLIS);
        for (SelectionKey key : selector.selectedKeys()) {
          buffer.clear();
          DatagramChannel channel = (DatagramChannel) key.channel();
          InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
          if (source == null) {
            continue;
          }
          buffer.flip();
          if (key.attachment() instanceof Session session) {
            if (session.serverPort == null) {
              session.serverPort = source;
            } else if (!session.serverPort.equals(source)) {
              session.answerStray(source, buffer);
              continue;
            }
            boolean gone = fromServer.incrementAndGet() > vanishAfter;
            session.toClient.pass(buffer, gone);
          } else {
            Session session = sessions.get(source);
            if (session == null) {
              session = new Session(source);
              sessions.put(source, session);
            }
            session.toServer.pass(buffer, fromServer.get() > vanishAfter);
          }
        }
        selector.selectedKeys().clear();
        long stale = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS);
        for (Session session : sessions.values()) {
          session.toClient.flushOlderThan(stale);
          session.toServer.flushOlderThan(stale);
        }
      }
    } catch (ClosedSelectorException e) {
      // Closed: the relay is done.
    } catch (IOException e) {
      throw new IllegalStateException("Relay failed", e);
    }
  }

  /** One client's traffic: its upstream socket and the server port answering it, once it has. */
  private final class Session {
    final DatagramChannel upstream;
    InetSocketAddress serverPort;
    final Direction toServer;
    final Direction toClient;

    Session(InetSocketAddress client) throws IOException {
      this.upstream = DatagramChannel.open();
      upstream.bind(new InetSocketAddress(server.getAddress(), 0));
      upstream.configureBlocking(false);
      upstream.register(selector, SelectionKey.OP_READ, this);
      this.toServer =
          new Direction(
              upstream,
              datagram -> serverPort == null || isRequest(datagram) ? server : serverPort);
      this.toClient = new Direction(front, datagram -> client);
    }

    /**
     * A datagram from a server port other than the transfer's: ERROR 5 unless it is an ERROR
     * itself.
     */
    void answerStray(InetSocketAddress source, ByteBuffer datagram) throws IOException {
      if (datagram.remaining() >= 2
          && datagram.getShort(datagram.position()) == Packet.ErrorPacket.OPCODE) {
        return;
      }
      ByteBuffer error = ByteBuffer.allocate(64);
      new Packet.ErrorPacket(TftpErrorCode.UNKNOWN_TRANSFER_ID, "Unknown transfer ID")
          .encode(error);
      upstream.send(error.flip(), source);
    }
  }

  private static boolean isRequest(ByteBuffer datagram) {
    int opcode = datagram.remaining() >= 2 ? datagram.getShort(datagram.position()) : 0;
    return opcode == Packet.Request.RRQ || opcode == Packet.Request.WRQ;
  }

  /** One way through the relay, with at most one datagram held back to be reordered. */
  private final class Direction {
    private final DatagramChannel out;
    private final Function<ByteBuffer, InetSocketAddress> target;
    private final Deque<Held> held = new ArrayDeque<>();

    Direction(DatagramChannel out, Function<ByteBuffer, InetSocketAddress> target) {
      this.out = out;
      this.target = target;
    }

    void pass(ByteBuffer datagram, boolean gone) throws IOException {
      double roll = random.nextDouble();
      if (gone || roll < drop) {
        dropped.incrementAndGet();
        return;
      }
      if (roll < drop + reorder && held.isEmpty()) {
        reordered.incrementAndGet();
        held.add(new Held(copy(datagram), System.nanoTime()));
        return;
      }
      send(datagram);
      if (roll < drop + reorder + duplicate) {
        duplicated.incrementAndGet();
        datagram.rewind();
        send(datagram);
      }
      // The held datagram goes after this one: the two arrive swapped.
      while (!held.isEmpty()) {
        send(held.poll().datagram());
      }
    }

    void flushOlderThan(long nanos) throws IOException {
      while (!held.isEmpty() && held.peek().sinceNanos() - nanos <= 0) {
        send(held.poll().datagram());
      }
    }

    private void send(ByteBuffer datagram) throws IOException {
      out.send(datagram, target.apply(datagram));
    }

    private ByteBuffer copy(ByteBuffer datagram) {
      ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
      copy.put(datagram).flip();
      return copy;
    }
  }

  private record Held(ByteBuffer datagram, long sinceNanos) {}
}
