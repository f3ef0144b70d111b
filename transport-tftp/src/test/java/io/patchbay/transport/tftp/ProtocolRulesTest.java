package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol's subtle rules, packet by packet, with a scripted peer on the other side of our
 * client or our server: option negotiation, the Sorcerer's Apprentice, transfer identifiers,
 * errors, malformed packets, silence and interruption.
 */
class ProtocolRulesTest {

  private static final Duration QUIET = Duration.ofMillis(400);

  @TempDir Path root;
  RawPeer peer;
  RawPeer stranger;

  @BeforeEach
  void openPeers() throws Exception {
    peer = RawPeer.open();
    stranger = RawPeer.open();
  }

  @AfterEach
  void closePeers() {
    peer.close();
    stranger.close();
  }

  @Test
  void serverCapsBlockAndWindowEchoesTimeoutReportsTsizeAndLeavesOutUnknownOptions()
      throws Exception {
    Files.write(root.resolve("f.bin"), new byte[5000]);
    try (TftpServer server = TftpServer.builder(root).maxBlockSize(1024).maxWindowSize(4).start()) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("blksize", "100000");
      options.put("windowsize", "1000");
      options.put("timeout", "3");
      options.put("tsize", "0");
      options.put("rollover", "0");

      peer.send(new Packet.Request(false, "f.bin", TftpMode.OCTET, options), server.address());
      RawPeer.Received answer = peer.expect();

      assertThat(answer.packet())
          .isEqualTo(
              new Packet.OptionAck(
                  Map.of("blksize", "1024", "windowsize", "4", "timeout", "3", "tsize", "5000")));
      assertThat(answer.from().getPort()).isNotEqualTo(server.address().getPort());
      peer.send(new Packet.ErrorPacket(TftpErrorCode.NOT_DEFINED, "enough"), answer.from());
    }
  }

  @Test
  void serverNeverResendsDataOnADuplicateAck() throws Exception {
    Files.write(root.resolve("f.bin"), new byte[512 * 4]);
    try (TftpServer server = TftpServer.builder(root).timeout(Duration.ofSeconds(3)).start()) {
      peer.send(plainRead("f.bin"), server.address());
      InetSocketAddress tid = peer.expect().from();
      peer.send(new Packet.Ack(1), tid);
      assertThat(peer.expect().packet())
          .isInstanceOfSatisfying(Packet.Data.class, d -> assertThat(d.block()).isEqualTo(2));

      duplicateAcksOfBlockOneBringNothingUntilAck2(tid);
    }
  }

  @Test
  void clientNeverResendsDataOnADuplicateAck() throws Exception {
    TftpClient client = TftpClient.builder().plainRfc1350().timeout(Duration.ofSeconds(3)).build();
    byte[] content = new byte[512 * 2 + 10];
    CompletableFuture<Long> write =
        CompletableFuture.supplyAsync(
            () ->
                uncheck(
                    () ->
                        client.write(
                            peer.address(),
                            "up.bin",
                            TftpMode.OCTET,
                            new ByteArrayInputStream(content),
                            content.length,
                            b -> {})));

    InetSocketAddress tid = peer.expect().from();
    peer.send(new Packet.Ack(0), tid);
    assertThat(peer.expect().packet())
        .isInstanceOfSatisfying(Packet.Data.class, d -> assertThat(d.block()).isEqualTo(1));
    peer.send(new Packet.Ack(1), tid);
    assertThat(peer.expect().packet())
        .isInstanceOfSatisfying(Packet.Data.class, d -> assertThat(d.block()).isEqualTo(2));
    duplicateAcksOfBlockOneBringNothingUntilAck2(tid);
    peer.send(new Packet.Ack(3), tid);
    assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(content.length);
  }

  @Test
  void serverAnswersAStrangerWithError5AndCarriesOn() throws Exception {
    Files.write(root.resolve("f.bin"), new byte[512 * 3]);
    try (TftpServer server = TftpServer.builder(root).start()) {
      peer.send(plainRead("f.bin"), server.address());
      InetSocketAddress tid = peer.expect().from();

      stranger.send(new Packet.Ack(1), tid);

      assertThat(stranger.expect().packet())
          .isInstanceOfSatisfying(
              Packet.ErrorPacket.class,
              e -> assertThat(e.code()).isEqualTo(TftpErrorCode.UNKNOWN_TRANSFER_ID.code()));
      peer.send(new Packet.Ack(1), tid);
      assertThat(peer.expect().packet())
          .isInstanceOfSatisfying(Packet.Data.class, d -> assertThat(d.block()).isEqualTo(2));
    }
  }

  @Test
  void clientAnswersAStrangerWithError5AndCarriesOn() throws Exception {
    CompletableFuture<byte[]> read = readAsync(TftpClient.builder().plainRfc1350().build());
    InetSocketAddress client = peer.expect().from();
    peer.send(data(1, 512), client);
    assertThat(peer.expect().packet()).isEqualTo(new Packet.Ack(1));

    stranger.send(data(2, 7), client);

    assertThat(stranger.expect().packet())
        .isInstanceOfSatisfying(
            Packet.ErrorPacket.class,
            e -> assertThat(e.code()).isEqualTo(TftpErrorCode.UNKNOWN_TRANSFER_ID.code()));
    peer.send(data(2, 3), client);
    assertThat(peer.expect().packet()).isEqualTo(new Packet.Ack(2));
    assertThat(read.get(5, TimeUnit.SECONDS)).hasSize(515);
  }

  @Test
  void anErrorFromThePeerIsTypedWithItsCodeAndMessage() throws Exception {
    CompletableFuture<byte[]> read = readAsync(TftpClient.defaults());
    InetSocketAddress client = peer.expect().from();

    peer.send(new Packet.ErrorPacket(TftpErrorCode.DISK_FULL, "disk\non fire"), client);

    assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TftpErrorException.class)
        .cause()
        .isInstanceOfSatisfying(
            TftpErrorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(3);
              assertThat(e.peerMessage()).isEqualTo("disk\non fire");
              assertThat(e.getMessage()).contains("disk\\u000aon fire").doesNotContain("\n");
              assertThat(e.peer()).isEqualTo(peer.address());
            });
  }

  @Test
  void aMalformedPacketEndsTheTransferWithError4() throws Exception {
    CompletableFuture<byte[]> read = readAsync(TftpClient.defaults());
    InetSocketAddress client = peer.expect().from();

    peer.sendRaw(new byte[] {0, 9, 1, 2}, client);

    assertThat(peer.expect().packet())
        .isInstanceOfSatisfying(
            Packet.ErrorPacket.class,
            e -> assertThat(e.code()).isEqualTo(TftpErrorCode.ILLEGAL_OPERATION.code()));
    assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            TftpProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(TftpErrorCode.ILLEGAL_OPERATION));
  }

  @Test
  void aBlockLargerThanNegotiatedEndsTheTransferWithError4() throws Exception {
    CompletableFuture<byte[]> read = readAsync(TftpClient.builder().plainRfc1350().build());
    InetSocketAddress client = peer.expect().from();

    peer.send(data(1, 600), client);

    assertThat(peer.expect().packet()).isInstanceOf(Packet.ErrorPacket.class);
    assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(TftpProtocolException.class);
  }

  @Test
  void anOackWithAnOptionNotAskedForIsRefusedWithError8() throws Exception {
    CompletableFuture<byte[]> read = readAsync(TftpClient.defaults());
    InetSocketAddress client = peer.expect().from();

    peer.send(new Packet.OptionAck(Map.of("rollover", "0")), client);

    assertThat(peer.expect().packet())
        .isInstanceOfSatisfying(
            Packet.ErrorPacket.class,
            e -> assertThat(e.code()).isEqualTo(TftpErrorCode.OPTION_REFUSED.code()));
    assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            TftpProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(TftpErrorCode.OPTION_REFUSED));
  }

  @Test
  void aServerThatRefusesOptionsWithError8IsAskedAgainWithout() throws Exception {
    CompletableFuture<byte[]> read = readAsync(TftpClient.defaults());
    RawPeer.Received first = peer.expect();
    assertThat(((Packet.Request) first.packet()).options()).isNotEmpty();
    peer.send(
        new Packet.ErrorPacket(TftpErrorCode.OPTION_REFUSED, "no options here"), first.from());

    RawPeer.Received second = peer.expect();

    assertThat(((Packet.Request) second.packet()).options()).isEmpty();
    peer.send(data(1, 20), second.from());
    assertThat(read.get(5, TimeUnit.SECONDS)).hasSize(20);
  }

  @Test
  void aServerThatAnswersOptionsWithDataRunsAsPlainRfc1350() throws Exception {
    CompletableFuture<byte[]> read =
        readAsync(TftpClient.builder().blockSize(8192).windowSize(4).build());
    InetSocketAddress client = peer.expect().from();

    peer.send(data(1, 512), client);
    assertThat(peer.expect().packet()).isEqualTo(new Packet.Ack(1));
    peer.send(data(2, 0), client);

    assertThat(peer.expect().packet()).isEqualTo(new Packet.Ack(2));
    assertThat(read.get(5, TimeUnit.SECONDS)).hasSize(512);
  }

  @Test
  void aClientMissingTheRestOfAWindowAcknowledgesItsLastBlockInOrderOnTimeoutAndCompletes()
      throws Exception {
    CompletableFuture<byte[]> read =
        readAsync(
            TftpClient.builder()
                .blockSize(1024)
                .windowSize(4)
                .transferSize(false)
                .timeoutOption(false)
                .timeout(Duration.ofMillis(200))
                .build());
    RawPeer.Received request = peer.expect();
    assertThat(((Packet.Request) request.packet()).options())
        .containsOnly(Map.entry("blksize", "1024"), Map.entry("windowsize", "4"));
    InetSocketAddress client = request.from();
    peer.send(new Packet.OptionAck(Map.of("blksize", "1024", "windowsize", "4")), client);
    assertThat(peer.expect().packet()).isEqualTo(new Packet.Ack(0));

    // Blocks 3 and 4 of the window are lost: the client, waiting for the next block of a window,
    // must still time out and tell where to resume (RFC 7440 §4).
    peer.send(filled(1, 1024), client);
    peer.send(filled(2, 1024), client);
    // On a slow machine the client may time out before a block arrives and repeat its last ACK.
    assertThat(nextOtherThan(new Packet.Ack(0))).isEqualTo(new Packet.Ack(2));
    peer.send(filled(3, 1024), client);
    peer.send(filled(4, 100), client);

    assertThat(nextOtherThan(new Packet.Ack(2))).isEqualTo(new Packet.Ack(4));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (Packet.Data block :
        new Packet.Data[] {filled(1, 1024), filled(2, 1024), filled(3, 1024), filled(4, 100)}) {
      expected.write(block.payload().array());
    }
    assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
  }

  @Test
  void aVanishedPeerIsATimeoutNamingItAndWhatWasAwaitedWithinTheConfiguredBound() throws Exception {
    TftpClient impatient =
        TftpClient.builder().plainRfc1350().timeout(Duration.ofMillis(100)).retries(3).build();
    CompletableFuture<byte[]> read = readAsync(impatient);
    InetSocketAddress client = peer.expect().from();
    long started = System.nanoTime();

    peer.send(data(1, 512), client);

    assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            TftpTimeoutException.class,
            e -> {
              assertThat(e.peer()).isEqualTo(peer.address());
              assertThat(e.awaited()).isEqualTo("DATA block 2");
              assertThat(e.attempts()).isEqualTo(4);
            });
    // Four waits of 100 ms; the rest is slack for a busy machine, not a speed requirement.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anInterruptEndsAWaitWithInterruptedIoExceptionAndKeepsTheInterruptStatus() throws Exception {
    TftpClient patient = TftpClient.builder().timeout(Duration.ofSeconds(30)).build();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = patient.open(peer.address(), "f.bin", TftpMode.OCTET)) {
                in.readAllBytes();
              } catch (Exception e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    reader.start();
    peer.expect();

    reader.interrupt();
    reader.join(5_000);

    assertThat(reader.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(stillInterrupted.get()).isTrue();
  }

  /**
   * Sends ACK 1 twice more while DATA 2 is unacknowledged: RFC 1123 §4.2.3.1 lets only the timer
   * retransmit, and it is seconds away, so nothing may come until ACK 2, which brings DATA 3.
   */
  private void duplicateAcksOfBlockOneBringNothingUntilAck2(InetSocketAddress tid)
      throws IOException {
    peer.send(new Packet.Ack(1), tid);
    peer.send(new Packet.Ack(1), tid);
    assertThat(peer.receive(QUIET)).isNull();
    peer.send(new Packet.Ack(2), tid);
    assertThat(peer.expect().packet())
        .isInstanceOfSatisfying(Packet.Data.class, d -> assertThat(d.block()).isEqualTo(3));
  }

  private CompletableFuture<byte[]> readAsync(TftpClient client) {
    return CompletableFuture.supplyAsync(
        () ->
            uncheck(
                () -> {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  client.read(peer.address(), "f.bin", TftpMode.OCTET, out);
                  return out.toByteArray();
                }));
  }

  private static Packet.Request plainRead(String name) {
    return new Packet.Request(false, name, TftpMode.OCTET, Map.of());
  }

  private static Packet.Data data(int block, int length) {
    return new Packet.Data(block, ByteBuffer.wrap(new byte[length]));
  }

  /** A DATA block whose every byte is its block number, so that blocks out of place show. */
  /** The peer's next packet that is not {@code repeated}, which a client resends on a timeout. */
  private Packet nextOtherThan(Packet repeated) throws Exception {
    Packet packet = peer.expect().packet();
    while (packet.equals(repeated)) {
      packet = peer.expect().packet();
    }
    return packet;
  }

  private static Packet.Data filled(int block, int length) {
    byte[] payload = new byte[length];
    Arrays.fill(payload, (byte) block);
    return new Packet.Data(block, ByteBuffer.wrap(payload));
  }

  private interface IoCall<T> {
    T call() throws Exception;
  }

  private static <T> T uncheck(IoCall<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }
}
