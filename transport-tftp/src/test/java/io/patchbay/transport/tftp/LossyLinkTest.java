package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers through a relay that drops 5 %, duplicates 3 % and reorders 3 % of the datagrams both
 * ways: they complete with the right bytes, and a peer that vanishes ends them with a timeout
 * within the configured bound.
 */
class LossyLinkTest {

  private static final long SIZE = 4L << 20;
  private static final Duration TIMEOUT = Duration.ofMillis(100);

  /**
   * Attempts at a packet on a link that is lossy but alive, the most allowed: 100 ms each, a lost
   * datagram costs little, and only about ten seconds of silence fail, never a loaded machine that
   * stalls a thread of the relay or of a peer for a second or two.
   */
  private static final int RETRIES = 100;

  /**
   * Attempts at a packet where a peer really vanishes and the test waits for the others to give up.
   */
  private static final int VANISHED_RETRIES = 10;

  @TempDir Path home;

  private final TftpClient client =
      TftpClient.builder().timeout(TIMEOUT).retries(RETRIES).timeoutOption(false).build();
  private TftpServer server;
  private LossyRelay relay;

  @AfterEach
  void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void downloadOfSeveralMegabytesArrivesIntactOverALossyLink() throws Exception {
    Sha256 expected = TestFiles.random(home.resolve("root/fw.bin"), SIZE, 1);
    startServerAndRelay(TftpServer.builder(home.resolve("root")), RETRIES);
    Path received = home.resolve("received.bin");

    try (OutputStream out = Files.newOutputStream(received)) {
      client.read(relay.address(), "fw.bin", TftpMode.OCTET, out);
    }

    assertThat(TestFiles.sha256(received)).isEqualTo(expected);
    assertImpaired();
  }

  @Test
  void uploadOfSeveralMegabytesArrivesIntactOverALossyLink() throws Exception {
    Sha256 expected = TestFiles.random(home.resolve("source.bin"), SIZE, 2);
    Files.createDirectories(home.resolve("root/up"));
    startServerAndRelay(TftpServer.builder(home.resolve("root")).writableDirectory("up"), RETRIES);

    try (InputStream in = Files.newInputStream(home.resolve("source.bin"))) {
      client.write(relay.address(), "up/fw.bin", TftpMode.OCTET, in, SIZE, bytes -> {});
    }

    assertThat(TestFiles.sha256(home.resolve("root/up/fw.bin"))).isEqualTo(expected);
    assertImpaired();
  }

  @Test
  void committedTransferToADeviceIsConfirmedOverALossyLink() throws Exception {
    Path source = home.resolve("source.bin");
    Sha256 expected = TestFiles.random(source, SIZE, 3);
    try (TftpDeviceAgent device =
        TftpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure())
            .timeout(TIMEOUT, RETRIES)
            .start()) {
      relay = new LossyRelay(device.address(), 0.05, 0.03, 0.03, 3);
      TftpTransport transport =
          new TftpTransport(
              TftpTransportConfig.builder().timeout(TIMEOUT).retries(RETRIES).build());
      Client stb = Client.of("stb", URI.create("tftp://127.0.0.1:" + relay.address().getPort()));

      transport.transferer().transfer(stb, fileArtifact(source, expected), bytes -> {});

      assertThat(TestFiles.sha256(device.pathOf("fw/main.bin"))).isEqualTo(expected);
      assertThat(device.manifest().find("fw/main.bin")).isPresent();
      assertImpaired();
    }
  }

  @Test
  void serverThatVanishesMidDownloadEndsItWithATimeoutWithinTheBound() throws Exception {
    TestFiles.random(home.resolve("root/fw.bin"), SIZE, 4);
    startServerAndRelay(TftpServer.builder(home.resolve("root")), RETRIES);
    TftpClient impatient = TftpClient.builder().timeout(Duration.ofMillis(200)).retries(3).build();
    Duration bound = Duration.ofMillis(200 * (3 + 1));
    relay.vanishAfter(100);
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                impatient.read(
                    relay.address(), "fw.bin", TftpMode.OCTET, OutputStream.nullOutputStream()))
        .isInstanceOfSatisfying(
            TftpTimeoutException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(4);
              assertThat(e.awaited()).startsWith("DATA block");
              assertThat(relay.transferAddresses()).contains(e.peer());
            });
    // A behaviour bound, not a speed goal: the wait ends about when the retries run out.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound.plusSeconds(5));
  }

  @Test
  void clientThatVanishesMidUploadLeavesNothingOnTheServer() throws Exception {
    TestFiles.random(home.resolve("source.bin"), SIZE, 5);
    Files.createDirectories(home.resolve("root/up"));
    startServerAndRelay(
        TftpServer.builder(home.resolve("root")).writableDirectory("up"), VANISHED_RETRIES);
    relay.vanishAfter(50);
    TftpClient impatient =
        TftpClient.builder()
            .timeout(TIMEOUT)
            .retries(VANISHED_RETRIES)
            .timeoutOption(false)
            .build();

    try (InputStream in = Files.newInputStream(home.resolve("source.bin"))) {
      assertThatThrownBy(
              () ->
                  impatient.write(
                      relay.address(), "up/fw.bin", TftpMode.OCTET, in, SIZE, bytes -> {}))
          .isInstanceOf(TftpTimeoutException.class);
    }
    // The server gives up after its own retries and removes the partial file.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              try (Stream<Path> files = Files.list(home.resolve("root/up"))) {
                assertThat(files).isEmpty();
              }
            });
  }

  private void startServerAndRelay(TftpServer.Builder builder, int retries) throws Exception {
    server = builder.timeout(TIMEOUT).retries(retries).start();
    relay = new LossyRelay(server.address(), 0.05, 0.03, 0.03, 42);
  }

  private void assertImpaired() {
    assertThat(relay.dropped()).as("dropped").isPositive();
    assertThat(relay.duplicated()).as("duplicated").isPositive();
    assertThat(relay.reordered()).as("reordered").isPositive();
  }

  private static Artifact fileArtifact(Path file, Sha256 sha256) throws IOException {
    return new FileArtifact(
        CatalogEntry.of("fw/main.bin", "2.0", sha256, Files.size(file), URI.create("fw.bin")),
        file);
  }

  private record FileArtifact(CatalogEntry entry, Path file) implements Artifact {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }
  }
}
