package io.patchbay.transport.mender;

import static io.patchbay.transport.http.SlowPeer.LOOPBACK;
import static io.patchbay.transport.http.SlowPeer.OTHER_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.transport.http.SlowPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and greedy peers against the device-API server, on real loopback sockets: a peer that sends
 * its header too slowly is cut off, and one address cannot hold more than its connections, while
 * other peers are still served. Limits are small so that each cut-off comes soon; the tests assert
 * that it comes, not how soon.
 */
class DeviceApiServerLimitsTest {

  /** A complete request any peer may make: without a token it is answered 401. */
  private static final String UNAUTHENTICATED = DeviceApi.NEXT_V1;

  /** The start of a request whose header never ends. */
  private static final String HALF_A_HEADER = "GET " + DeviceApi.NEXT_V1 + " HTTP/1.1\r\nHost: g";

  private MenderTransport gateway;
  private final List<SlowPeer> peers = new ArrayList<>();

  private void start(MenderTransportConfig.Builder builder) throws IOException {
    gateway = MenderTransport.start(builder.admission(DeviceAdmission.acceptAll()).build());
  }

  private static MenderTransportConfig.Builder config() {
    return MenderTransportConfig.builder(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void stop() throws IOException {
    for (SlowPeer peer : peers) {
      peer.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private SlowPeer peer(InetAddress from) throws IOException {
    SlowPeer peer = SlowPeer.connect(from, gateway.origin());
    peers.add(peer);
    return peer;
  }

  @Test
  void aHeaderNotFinishedWithinTheDeadlineIsClosedUnanswered() throws IOException {
    // The idle timeout is longer than SlowPeer's safety net: only the header deadline can cut it.
    // Long enough that the well-behaved request after the slow one is parsed within it on a loaded
    // machine, too; the slow peer waits for it (SlowPeer's own read timeout is 20 s).
    start(config().headerTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofMinutes(1)));

    SlowPeer slow = peer(LOOPBACK).send(HALF_A_HEADER);

    slow.assertClosedUnanswered();
    assertThat(peer(LOOPBACK).get(UNAUTHENTICATED).readUntilClosed()).startsWith("HTTP/1.1 401");
  }

  @Test
  void thePerPeerLimitRefusesTheNextConnectionFromThatAddressOnly() throws IOException {
    // Header deadline long enough that the two half-sent requests still hold their connections.
    start(config().connectionsPerPeer(2).headerTimeout(Duration.ofMinutes(1)));
    peer(LOOPBACK).send(HALF_A_HEADER);
    peer(LOOPBACK).send(HALF_A_HEADER);
    await().until(() -> gateway.server().connections(LOOPBACK) == 2);

    SlowPeer third = peer(LOOPBACK).get(UNAUTHENTICATED);
    String fromElsewhere = peer(OTHER_LOOPBACK).get(UNAUTHENTICATED).readUntilClosed();

    third.assertClosedUnanswered();
    assertThat(fromElsewhere).startsWith("HTTP/1.1 401");
  }
}
