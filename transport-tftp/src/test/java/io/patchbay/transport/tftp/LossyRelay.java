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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between TFTP clients and a server that drops, duplicates and reorders a share of the
 * datagrams both ways, from a seeded random source: the kernel here has no netem.
 *
 * <p>It keeps the ports apart as a real network does. Clients send their requests to {@link
 * #address()}, and everything sent there goes to the server's listening port, a repeated request
 * too. Each client gets an upstream socket of its own, its transfer identifier as the server sees
 * it. Each port the server answers a client from (a transfer identifier of the server's, RFC 1350
 * §4) appears to that client as a port of the relay's own, so a client locks onto one transfer and
 * tells a second one, started by a repeated request, that its identifier is unknown. A reordered
 * datagram is held back and sent after the next one in the same direction, or after {@value
 * #HOLD_MILLIS} ms if none comes. {@link #vanishAfter(long)} makes the server seem to vanish.
 *
 * <p>Confined to the relay's thread, apart from the counters, {@link #transferAddresses()} and
 * {@link #vanishAfter(long)}.
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
  private final Set<InetSocketAddress> transferAddresses = ConcurrentHashMap.newKeySet();
  private volatile long vanishAfter = Long.MAX_VALUE;

  /**
   * Relays to {@code server}, dropping, duplicating and reordering each datagram with the given
   * probabilities; {@code seed} makes a run reproducible in what it does to which datagram.
   */
  LossyRelay(InetSocketAddress server, double drop, double duplicate, double reorder, long seed) throws IOException {
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

  /** The relay's addresses that have stood for a transfer identifier of the server's, so far. */
  Set<InetSocketAddress> transferAddresses() {
    return Set.copyOf(transferAddresses);
  }

  /** From now on, after {@code datagrams} more from the server, the server seems gone: nothing passes either way. */
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
      for (Leg leg : session.legs.values()) {
        leg.front.close();
      }
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
            // From the server: what it sends counts towards its vanishing.
            session.leg(source).toClient.pass(buffer, fromServer.incrementAndGet() > vanishAfter);
          } else if (key.attachment() instanceof Leg leg) {
            leg.toServer.pass(buffer, fromServer.get() > vanishAfter);
          } else {
            Session session = sessions.get(source);
            if (session == null) {
              session = new Session(source);
              sessions.put(source, session);
            }
            session.requests.pass(buffer, fromServer.get() > vanishAfter);
          }
        }
        selector.selectedKeys().clear();
        long stale = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS);
        for (Session session : sessions.values()) {
          session.requests.flushOlderThan(stale);
          for (Leg leg : session.legs.values()) {
            leg.toClient.flushOlderThan(stale);
            leg.toServer.flushOlderThan(stale);
          }
        }
      }
    } catch (ClosedSelectorException e) {
      // Closed: the relay is done.
    } catch (IOException e) {
      throw new IllegalStateException("Relay failed", e);
    }
  }

  /** One client's traffic: its upstream socket, its requests, and a leg per transfer identifier of the server's. */
  private final class Session {
    final InetSocketAddress client;
    final DatagramChannel upstream;
    final Direction requests;
    final Map<InetSocketAddress, Leg> legs = new HashMap<>();

    Session(InetSocketAddress client) throws IOException {
      this.client = client;
      this.upstream = DatagramChannel.open();
      upstream.bind(new InetSocketAddress(server.getAddress(), 0));
      upstream.configureBlocking(false);
      upstream.register(selector, SelectionKey.OP_READ, this);
      this.requests = new Direction(upstream, server);
    }

    /** The leg for the server's port {@code tid}, opened when the server first answers from it. */
    Leg leg(InetSocketAddress tid) throws IOException {
      Leg leg = legs.get(tid);
      if (leg == null) {
        leg = new Leg(this, tid);
        legs.put(tid, leg);
      }
      return leg;
    }
  }

  /** One transfer identifier of the server's, as one client sees it: a port of the relay's own. */
  private final class Leg {
    final DatagramChannel front;
    final Direction toClient;
    final Direction toServer;

    Leg(Session session, InetSocketAddress tid) throws IOException {
      this.front = DatagramChannel.open();
      front.bind(new InetSocketAddress(server.getAddress(), 0));
      front.configureBlocking(false);
      front.register(selector, SelectionKey.OP_READ, this);
      transferAddresses.add((InetSocketAddress) front.getLocalAddress());
      this.toClient = new Direction(front, session.client);
      this.toServer = new Direction(session.upstream, tid);
    }
  }

  /** One way through the relay, with at most one datagram held back to be reordered. */
  private final class Direction {
    private final DatagramChannel out;
    private final InetSocketAddress target;
    private final Deque<Held> held = new ArrayDeque<>();

    Direction(DatagramChannel out, InetSocketAddress target) {
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
      out.send(datagram, target);
    }

    private ByteBuffer copy(ByteBuffer datagram) {
      ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
      copy.put(datagram).flip();
      return copy;
    }
  }

  private record Held(ByteBuffer datagram, long sinceNanos) {}
}
