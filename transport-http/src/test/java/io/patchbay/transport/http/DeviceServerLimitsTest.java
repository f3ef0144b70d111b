package io.patchbay.transport.http;

import static io.patchbay.transport.http.SlowPeer.LOOPBACK;
import static io.patchbay.transport.http.SlowPeer.OTHER_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.device.DeviceTrust;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and greedy peers against the reference device, on real loopback sockets: none of them
 * freezes it, keeps a file busy, or gets anything installed. Limits are small so that each cut-off
 * comes soon; the tests assert that it comes, not how soon.
 */
class DeviceServerLimitsTest {

  private static final byte[] OLD = "player 1.0.0".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEW =
      "player 2.0.0, a little longer".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;
  private HttpDeviceAgent agent;
  private final List<SlowPeer> peers = new ArrayList<>();

  private HttpDeviceAgent start(HttpDeviceAgent.Builder builder) throws IOException {
    agent = builder.start();
    agent.install("bin/player", "1.0.0", new ByteArrayInputStream(OLD));
    return agent;
  }

  private HttpDeviceAgent.Builder device() {
    return HttpDeviceAgent.builder(directory, DeviceTrust.insecure());
  }

  @AfterEach
  void stop() throws IOException {
    for (SlowPeer peer : peers) {
      peer.close();
    }
    if (agent != null) {
      agent.close();
    }
  }

  private SlowPeer peer() throws IOException {
    return peer(SlowPeer.LOOPBACK);
  }

  private SlowPeer peer(java.net.InetAddress from) throws IOException {
    SlowPeer peer = SlowPeer.connect(from, agent.endpoint());
    peers.add(peer);
    return peer;
  }

  /** The header of a PUT of {@code content} as bin/player version 2.0.0. */
  private static String putHeader(byte[] content, long length) {
    return "PUT /patchbay/v1/files/bin/player HTTP/1.1\r\nHost: device\r\n"
        + "Content-Length: "
        + length
        + "\r\nPatchbay-Version: 2.0.0\r\nRepr-Digest: sha-256=:"
        + Base64.getEncoder().encodeToString(InMemoryCatalog.sha256(content).bytes())
        + ":\r\n\r\n";
  }

  private void assertNothingInstalled() throws IOException {
    assertThat(Files.readAllBytes(agent.pathOf("bin/player"))).isEqualTo(OLD);
    assertThat(agent.manifest().find("bin/player")).map(FileEntry::version).contains("1.0.0");
    try (var leftovers = Files.list(directory.resolve(".patchbay/incoming"))) {
      assertThat(leftovers).isEmpty();
    }
  }

  /** The gateway's real transfer of {@link #NEW}, which must succeed. */
  private void transferNewPlayer() throws IOException {
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player", "2.0.0", InMemoryCatalog.sha256(NEW), NEW.length, URI.create("x"));
    new HttpTransport()
        .transferer()
        .transfer(Client.of("stb-1", agent.endpoint()), new BytesArtifact(entry, NEW), n -> {});
    assertThat(Files.readAllBytes(agent.pathOf("bin/player"))).isEqualTo(NEW);
  }

  @Test
  void halfSentRequestsBeyondTheWorkerCountDoNotStopAManifestGet() throws IOException {
    start(device().threads(2).maxConnections(16, 64));
    for (int i = 0; i < 6; i++) {
      peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\nHost: dev");
    }
    // A transfer whose body never comes holds a worker; the manifest still has one.
    peer().send(putHeader(NEW, NEW.length) + "play");
    await().until(() -> agent.server().connections(LOOPBACK) == 7);

    String answer = peer().get(DevicePaths.MANIFEST).readUntilClosed();

    assertThat(answer).startsWith("HTTP/1.1 200").contains("bin/player", "1.0.0");
  }

  @Test
  void aTransferBeyondTheWorkersForFilesIsAnsweredUnavailable() throws IOException {
    start(device().threads(2));
    peer().send(putHeader(NEW, NEW.length) + "play");
    await().until(() -> agent.receiving() == 1);
    byte[] guide = "guide".getBytes(StandardCharsets.UTF_8);

    String answer =
        peer()
            .send(
                putHeader(guide, guide.length)
                        .replace("bin/player", "bin/guide")
                        .replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
                    + "guide")
            .readUntilClosed();

    assertThat(answer).startsWith("HTTP/1.1 503").contains(Problem.UNAVAILABLE);
    assertThat(agent.manifest().find("bin/guide")).isEmpty();
  }

  @Test
  void aHeaderNotFinishedWithinTheDeadlineIsClosedUnanswered() throws IOException {
    // Long enough that the well-behaved request after the slow one is parsed within it on a loaded
    // machine, too; the slow peer waits for it (SlowPeer's own read timeout is 20 s).
    start(device().headerTimeout(Duration.ofSeconds(2)));

    SlowPeer slow = peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\nHost: dev");

    slow.assertClosedUnanswered();
    assertThat(peer().get(DevicePaths.MANIFEST).readUntilClosed()).startsWith("HTTP/1.1 200");
  }

  @Test
  void aPutWhoseBodyStopsIsCutOffAndTheFileCanBeSentAgain() throws IOException {
    start(device().idleTimeout(Duration.ofMillis(300)));

    String answer = peer().send(putHeader(NEW, NEW.length) + "player 2").readUntilClosed();

    assertThat(answer).startsWith("HTTP/1.1 408").contains("Idle timeout");
    assertNothingInstalled();
    transferNewPlayer();
  }

  @Test
  void aPutTricklingBelowTheMinimumRateIsCutOffAndTheFileCanBeSentAgain() throws IOException {
    // A byte at a time with pauses, far below the minimum; the idle timeout alone would not cut it.
    start(
        device().minimumRate(100_000, Duration.ofMillis(200)).idleTimeout(Duration.ofSeconds(30)));
    SlowPeer slow = peer().send(putHeader(NEW, NEW.length));

    try {
      // Between bytes the peer waits for the device's answer (up to 50 ms), so it stops sending
      // as soon as it is cut off; the body's rate, far below the minimum, is what is tested.
      for (byte b : NEW) {
        slow.send(new String(new byte[] {b}, StandardCharsets.ISO_8859_1));
        if (slow.awaitAnswer(Duration.ofMillis(50))) {
          break;
        }
      }
    } catch (IOException cutOff) {
      // The device closed the connection while bytes were still coming: what is expected.
    }

    assertThat(slow.readUntilClosed()).startsWith("HTTP/1.1 408").contains("below the minimum");
    assertNothingInstalled();
    transferNewPlayer();
  }

  @Test
  void aRefusedPutIsAnsweredAfterABoundedDrainNotTheWholeBody() throws IOException {
    start(device().maxFileSize(1000).maxDrain(4096));

    // Announces 1 GB, sends 64 KiB of it and waits: an unbounded drain would wait for the rest.
    String answer = peer().send(putHeader(NEW, 1L << 30) + "x".repeat(64 * 1024)).readUntilClosed();

    assertThat(answer).startsWith("HTTP/1.1 413").contains(Problem.TOO_LARGE);
    assertNothingInstalled();
  }

  @Test
  void thePerPeerLimitRefusesTheNextConnectionFromThatAddressOnly() throws IOException {
    start(device().maxConnections(2, 64));
    peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\n");
    peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\n");
    await().until(() -> agent.server().connections(LOOPBACK) == 2);

    SlowPeer third = peer().get(DevicePaths.MANIFEST);
    String fromElsewhere = peer(OTHER_LOOPBACK).get(DevicePaths.MANIFEST).readUntilClosed();

    third.assertClosedUnanswered();
    assertThat(fromElsewhere).startsWith("HTTP/1.1 200").contains("bin/player");
  }

  @Test
  void aPeerAtItsLimitIsServedAgainOnceItsConnectionsClose() throws IOException {
    start(device().maxConnections(2, 64));
    SlowPeer first = peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\n");
    SlowPeer second = peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\n");
    await().until(() -> agent.server().connections(LOOPBACK) == 2);

    first.close();
    second.close();
    await().until(() -> agent.server().connections(LOOPBACK) == 0);

    assertThat(peer().get(DevicePaths.MANIFEST).readUntilClosed()).startsWith("HTTP/1.1 200");
  }

  @Test
  void theTotalLimitHoldsFurtherConnectionsUntilOneCloses() throws IOException {
    start(device().maxConnections(8, 2));
    SlowPeer first = peer().send("GET /patchbay/v1/manifest HTTP/1.1\r\n");
    peer(OTHER_LOOPBACK).send("GET /patchbay/v1/manifest HTTP/1.1\r\n");
    await().until(() -> !agent.server().accepting());

    SlowPeer waiting = peer().get(DevicePaths.MANIFEST);
    first.close();

    assertThat(waiting.readUntilClosed()).startsWith("HTTP/1.1 200").contains("bin/player");
  }
}
