package io.patchbay.transport.tftp;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests a {@link TftpServer}'s transfers serve, by client, to tell a client's repeated
 * request from its next one.
 *
 * <p>A client sends its request again when no answer comes in time; a second transfer for it would
 * only fight the first for the client. But a client may also keep one port, its transfer identifier
 * (RFC 1350 §4), for all its transfers, as commons-net's {@code TFTPClient} does: it sends its next
 * request, perhaps the very same one, as soon as the last transfer ended on its side, while ours
 * may still be dallying for a repeated last block (RFC 1350 §6) or about to read the final ACK. The
 * rule: a request is a repeat only if it equals, in opcode, file name, mode and options, the
 * request of a transfer for the same client address and port that has not heard from the client on
 * its own port yet. Once the client answered there, it has our answer, and a request it sends to
 * the listening port is the next transfer, which runs on a port of its own.
 *
 * <p>The answer of a one-block read is also its last, and the client's ACK of it waits in the
 * transfer's socket while the next request reaches the listener: the two sockets are read by
 * different threads. So the listener does not judge such a request itself: it hands it to the
 * transfer ({@link Entry#hold}), which reads its socket afterwards, on its own thread. A datagram
 * from the client there makes the request new; an empty socket makes it a repeat. Likewise a
 * transfer about to end with an ERROR counts as ended, since the client may ask again the moment it
 * arrives. What stays ambiguous is a repeat that reaches the listener only after the client has
 * answered the transfer (it crossed our answer, or waited in the network or the listener's queue):
 * it starts a second transfer, which a client answers with ERROR 5 (RFC 1350 §4), as it would any
 * repeat without this protection.
 *
 * <p>Thread-safe: the listener admits requests, each transfer reports on its own thread.
 */
final class RunningRequests {

  private static final Logger LOG = LoggerFactory.getLogger(RunningRequests.class);

  private record Key(InetSocketAddress client, Packet.Request request) {}

  private final ConcurrentMap<Key, Entry> running = new ConcurrentHashMap<>();
  private final BiConsumer<InetSocketAddress, Packet.Request> newRequest;

  /**
   * @param newRequest given a request that a transfer held and then found to be new, on that
   *     transfer's thread; it is to be admitted again, as if it had just arrived
   */
  RunningRequests(BiConsumer<InetSocketAddress, Packet.Request> newRequest) {
    this.newRequest = newRequest;
  }

  /**
   * Registers a transfer for {@code request} from {@code client} and returns it, or returns {@code
   * null} if the request may repeat that of a running transfer, which then decides (and starts it
   * through {@code newRequest} if it is new). The transfer returned must be {@linkplain Entry#end()
   * ended}, whether it ran or not.
   */
  Entry admit(InetSocketAddress client, Packet.Request request) {
    Key key = new Key(client, request);
    Entry fresh = new Entry(key);
    Entry current =
        running.merge(key, fresh, (existing, unused) -> existing.hold() ? existing : fresh);
    return current == fresh ? fresh : null;
  }

  /**
   * One transfer as far as repeats are concerned: whether its client has answered on the transfer's
   * port, and an identical request waiting for the transfer to decide. Its conversation reports
   * what it reads ({@link Conversation.PeerWatch}).
   */
  final class Entry implements Conversation.PeerWatch {
    private final Key key;
    private volatile Conversation conversation;
    // Guarded by this.
    private boolean heard;
    private boolean ended;

    /** How many identical requests were handed over; the latest, if still undecided, is held. */
    private long handedOver;

    private boolean holding;

    private Entry(Key key) {
      this.key = key;
    }

    /** The request this transfer serves. */
    Packet.Request request() {
      return key.request();
    }

    /** The client's address and port. */
    InetSocketAddress client() {
      return key.client();
    }

    /** Lets a held request wake the conversation, so that it reads its socket at once. */
    void attach(Conversation conversation) {
      this.conversation = conversation;
    }

    /**
     * Ends the transfer: it no longer counts for repeats. A request still held is a repeat: the
     * client never answered this transfer, or it would have been released when it did.
     */
    void end() {
      synchronized (this) {
        ended = true;
        if (holding) {
          holding = false;
          repeat("the client never answered its transfer");
        }
      }
      running.remove(key, this);
    }

    @Override
    public synchronized long reading() {
      return handedOver;
    }

    @Override
    public synchronized void nothingWaiting(long mark) {
      if (holding && handedOver <= mark) {
        holding = false;
        repeat("the client had not answered its transfer");
      }
    }

    @Override
    public void heard() {
      boolean release;
      synchronized (this) {
        if (heard) {
          return;
        }
        heard = true;
        release = holding;
        holding = false;
      }
      if (release) {
        LOG.debug(
            "{} from {} is a new transfer: the client had answered the last",
            key.request(),
            key.client());
        newRequest.accept(key.client(), key.request());
      }
    }

    @Override
    public synchronized void ending() {
      ended = true;
      if (holding) {
        holding = false;
        repeat("it came before the transfer's ERROR");
      }
    }

    /**
     * Takes an identical request over if the client has not answered this transfer yet, and wakes
     * the conversation to decide; returns whether it did. Called by the listener.
     */
    private synchronized boolean hold() {
      if (heard || ended) {
        return false;
      }
      handedOver++;
      holding = true;
      Conversation current = conversation;
      if (current != null) {
        current.wakeup();
      }
      return true;
    }

    private void repeat(String why) {
      LOG.debug("Ignoring {} from {}, a repeat: {}", key.request(), key.client(), why);
    }
  }
}
