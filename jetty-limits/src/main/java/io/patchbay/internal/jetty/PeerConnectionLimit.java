package io.patchbay.internal.jetty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.IO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection as soon as it is accepted when its remote address already holds the most
 * connections allowed, so that one peer cannot take every connection a server accepts. Jetty's own
 * {@code NetworkConnectionLimit} counts all peers together; this counts each address, following the
 * same life cycle of a channel: accepting, then accepted or failed, then closed.
 *
 * <p>Thread-safe: the acceptor and the selectors call it concurrently.
 */
final class PeerConnectionLimit implements SelectorManager.AcceptListener {

  private static final Logger LOG = LoggerFactory.getLogger(PeerConnectionLimit.class);

  private final int maxPerPeer;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
  // A closed channel no longer tells its remote address: remember it from when it was accepted.
  private final Map<SelectableChannel, InetAddress> peers = new ConcurrentHashMap<>();

  PeerConnectionLimit(int maxPerPeer) {
    this.maxPerPeer = maxPerPeer;
  }

  @Override
  public void onAccepting(SelectableChannel channel) {
    InetAddress peer = peer(channel);
    if (peer == null) {
      return;
    }
    peers.put(channel, peer);
    int count = open.merge(peer, 1, Integer::sum);
    if (count > maxPerPeer) {
      LOG.warn("Refused a connection from {}: it holds {} already, the limit", peer, maxPerPeer);
      // Jetty then fails the accept (the channel is closed), which releases the count.
      IO.close(channel);
    }
  }

  @Override
  public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
    release(channel);
  }

  @Override
  public void onClosed(SelectableChannel channel) {
    release(channel);
  }

  /** How many connections {@code peer} holds now; for tests. */
  int connections(InetAddress peer) {
    return open.getOrDefault(peer, 0);
  }

  private void release(SelectableChannel channel) {
    InetAddress peer = peers.remove(channel);
    if (peer != null) {
      open.computeIfPresent(peer, (address, count) -> count == 1 ? null : count - 1);
    }
  }

  private static InetAddress peer(SelectableChannel channel) {
    if (!(channel instanceof SocketChannel socket)) {
      return null;
    }
    try {
      return socket.getRemoteAddress() instanceof InetSocketAddress remote
          ? remote.getAddress()
          : null;
    } catch (IOException e) {
      // Closed already: Jetty fails the accept, and there is nothing to count.
      return null;
    }
  }
}
