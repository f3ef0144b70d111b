package io.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessPeerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(10);

  @Test
  void awaitReadyReturnsOnceTheCheckSaysReadyAndCloseStopsTheProgram(@TempDir Path home)
      throws IOException {
    AtomicInteger checks = new AtomicInteger();
    ProcessPeer peer =
        ProcessPeer.start("sleeper", List.of("sleep", "600"), home.resolve("out.log"));
    try (peer) {
      assertThat(peer.awaitReady(PATIENCE, POLL, () -> checks.incrementAndGet() == 3))
          .isSameAs(peer);
    }

    assertThat(checks).hasValue(3);
    Optional<ProcessHandle> handle = ProcessHandle.of(peer.pid());
    assertThat(handle.map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void aProgramThatExitsBeforeItIsReadyFailsWithItsLog(@TempDir Path home) throws IOException {
    ProcessPeer peer =
        ProcessPeer.start(
            "quitter", List.of("sh", "-c", "echo no config here; exit 3"), home.resolve("out.log"));

    assertThatThrownBy(() -> peer.awaitReady(PATIENCE, POLL, () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("quitter exited (3)")
        .hasMessageContaining("no config here");
    assertThat(peer.log()).isEqualTo("no config here\n");
  }

  @Test
  void aProgramNeverReadyIsStoppedAfterTheTimeoutWithTheLastRefusalAsCause(@TempDir Path home)
      throws IOException {
    ProcessPeer peer = ProcessPeer.start("mute", List.of("sleep", "600"), home.resolve("out.log"));
    IOException refusal = new IOException("connection refused");

    assertThatThrownBy(
            () ->
                peer.awaitReady(
                    Duration.ofMillis(50),
                    POLL,
                    () -> {
                      throw refusal;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("mute was not ready within PT0.05S")
        .hasCause(refusal);
    assertThat(ProcessHandle.of(peer.pid()).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
  }

  @Test
  void runReturnsTheExitCodeAndOutputAndLeavesNoFileBehind(@TempDir Path home) throws Exception {
    ProcessPeer.Finished finished =
        ProcessPeer.run(PATIENCE, home, List.of("sh", "-c", "echo out; echo err >&2; exit 5"));

    assertThat(finished).isEqualTo(new ProcessPeer.Finished(5, "out\nerr\n"));
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void aRunPastItsTimeoutIsKilledAndFailsWithItsOutput(@TempDir Path home) throws Exception {
    Path pid = home.resolve("pid");

    assertThatThrownBy(
            () ->
                ProcessPeer.run(
                    Duration.ofSeconds(5),
                    home,
                    List.of("sh", "-c", "echo $$ > " + pid + "; echo waiting; exec sleep 600")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not finish within PT5S")
        .hasMessageEndingWith("waiting\n");
    assertThat(
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                .map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
  }

  @Test
  void acceptsTcpTellsAListeningPortFromAFreeOne() throws IOException {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(ProcessPeer.acceptsTcp(listening.getLocalPort())).isTrue();
    }
    assertThat(ProcessPeer.acceptsTcp(ProcessPeer.freeTcpPort())).isFalse();
  }

  @Test
  void freeUdpPortCanBeBoundOnTheLoopbackAddress() throws IOException {
    int port = ProcessPeer.freeUdpPort();

    try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port).isPositive();
    }
  }
}
