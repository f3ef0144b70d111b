package io.patchbay.transport.http;

import static io.patchbay.transport.http.SlowPeer.LOOPBACK;
import static io.patchbay.transport.http.SlowPeer.OTHER_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow and greedy peers against the lab head end, on real loopback sockets. */
class StaticHeadEndLimitsTest {

  @TempDir Path www;
  private StaticHeadEnd headEnd;
  private final List<SlowPeer> peers = new ArrayList<>();

  @BeforeEach
  void publish() throws IOException {
    Files.writeString(www.resolve("catalog.json"), "{\"serial\":1}");
  }

  @AfterEach
  void stop() throws IOException {
    for (SlowPeer peer : peers) {
      peer.close();
    }
    headEnd.close();
  }

  private void start(ServerLimits limits) throws IOException {
    headEnd =
        StaticHeadEnd.start(
            www, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits);
  }

  private SlowPeer peer(InetAddress from) throws IOException {
    SlowPeer peer = SlowPeer.connect(from, headEnd.uri("/"));
    peers.add(peer);
    return peer;
  }

  @Test
  void moreHalfSentRequestsThanWorkersDoNotStopAGet() throws IOException {
    headEnd = StaticHeadEnd.start(www);
    for (int i = 0; i < 12; i++) {
      peer(LOOPBACK).send("GET /catalog.json HTTP/1.1\r\nHost: head");
    }
    await().until(() -> headEnd.server().connections(LOOPBACK) == 12);

    String answer = peer(LOOPBACK).get("/catalog.json").readUntilClosed();

    assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"serial\":1}");
  }

  @Test
  void aHeaderNotFinishedWithinTheDeadlineIsClosedUnanswered() throws IOException {
    start(ServerLimits.HEAD_END.withHeaderTimeout(Duration.ofMillis(300)));

    SlowPeer slow = peer(LOOPBACK).send("GET /catalog.json HTTP/1.1\r\nHost: head");

    slow.assertClosedUnanswered();
    assertThat(peer(LOOPBACK).get("/catalog.json").readUntilClosed()).startsWith("HTTP/1.1 200");
  }

  @Test
  void aPersistentConnectionIdleAfterItsResponseIsClosedAtTheHeaderDeadline() throws IOException {
    start(ServerLimits.HEAD_END.withHeaderTimeout(Duration.ofMillis(300)));

    String answers =
        peer(LOOPBACK).send("GET /catalog.json HTTP/1.1\r\nHost: head\r\n\r\n").readUntilClosed();

    assertThat(answers).startsWith("HTTP/1.1 200").contains("{\"serial\":1}");
  }

  @Test
  void thePerPeerLimitRefusesTheNextConnectionFromThatAddressOnly() throws IOException {
    start(ServerLimits.HEAD_END.withConnections(2, 256));
    peer(LOOPBACK).send("GET /catalog.json HTTP/1.1\r\n");
    peer(LOOPBACK).send("GET /catalog.json HTTP/1.1\r\n");
    await().until(() -> headEnd.server().connections(LOOPBACK) == 2);

    SlowPeer third = peer(LOOPBACK).get("/catalog.json");
    String fromElsewhere = peer(OTHER_LOOPBACK).get("/catalog.json").readUntilClosed();

    third.assertClosedUnanswered();
    assertThat(fromElsewhere).startsWith("HTTP/1.1 200");
  }
}
