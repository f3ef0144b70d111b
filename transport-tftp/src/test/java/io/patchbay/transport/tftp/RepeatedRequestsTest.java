package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which requests from one client port start a transfer on our server, packet by packet with a
 * scripted client that keeps its port: a request sent again before the client heard from the
 * transfer is a repeat (RFC 1350 §4), anything else is the client's next transfer, even while the
 * last one dallies (RFC 1350 §6).
 */
class RepeatedRequestsTest {

  private static final Duration QUIET = Duration.ofMillis(400);

  /** Long enough that an upload's dally (two of these) outlasts every step of a test. */
  private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(3);

  private static final byte[] CONTENT = TestFiles.bytes(100, 7);

  @TempDir Path root;
  RawPeer client;
  TftpServer server;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(root.resolve("uploads"));
    Files.write(root.resolve("f.bin"), CONTENT);
    server = TftpServer.builder(root).writableDirectory("uploads").timeout(SERVER_TIMEOUT).start();
    client = RawPeer.open();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aRequestSentAgainBeforeAnyAnswerDoesNotStartASecondTransfer() throws Exception {
    client.send(read("f.bin"), server.address());
    client.send(read("f.bin"), server.address());

    RawPeer.Received data = client.expect();

    assertThat(data.packet()).isInstanceOf(Packet.Data.class);
    assertThat(client.receive(QUIET)).isNull();
    client.send(new Packet.Ack(1), data.from());
  }

  @Test
  void aRequestSentAgainWhileTheFirstAnswerIsUnacknowledgedDoesNotStartASecondTransfer()
      throws Exception {
    client.send(read("f.bin"), server.address());
    RawPeer.Received data = client.expect();

    client.send(read("f.bin"), server.address());

    assertThat(client.receive(QUIET)).isNull();
    client.send(new Packet.Ack(1), data.from());
  }

  @Test
  void aReadFromThePortOfADallyingUploadStartsANewTransfer() throws Exception {
    InetSocketAddress upload = uploadOneBlock("uploads/a.bin");

    client.send(read("uploads/a.bin"), server.address());
    RawPeer.Received data = client.expect();

    assertThat(data.from()).isNotEqualTo(upload);
    assertThat(payloadOf(data)).isEqualTo(CONTENT);
    client.send(new Packet.Ack(1), data.from());
  }

  @Test
  void theSameWriteAgainFromThePortOfADallyingUploadStartsANewTransfer() throws Exception {
    InetSocketAddress upload = uploadOneBlock("uploads/a.bin");

    client.send(write("uploads/a.bin"), server.address());
    RawPeer.Received answer = client.expect();

    assertThat(answer.packet()).isEqualTo(new Packet.Ack(0));
    assertThat(answer.from()).isNotEqualTo(upload);
    client.send(new Packet.ErrorPacket(TftpErrorCode.NOT_DEFINED, "enough"), answer.from());
  }

  /**
   * The last ACK of a one-block read is also its first, and the next request races it to the
   * server.
   */
  @Test
  void theSameReadRightAfterTheLastAckOfOneBlockStartsANewTransfer() throws Exception {
    for (int round = 1; round <= 20; round++) {
      client.send(read("f.bin"), server.address());
      RawPeer.Received data = client.expect();
      assertThat(payloadOf(data)).as("round %d", round).isEqualTo(CONTENT);
      client.send(new Packet.Ack(1), data.from());
    }
  }

  @Test
  void theSameRequestRightAfterItsErrorIsAnsweredAgain() throws Exception {
    for (int round = 1; round <= 20; round++) {
      client.send(read("missing.bin"), server.address());

      assertThat(client.expect().packet())
          .as("round %d", round)
          .isInstanceOfSatisfying(
              Packet.ErrorPacket.class,
              error -> assertThat(error.code()).isEqualTo(TftpErrorCode.FILE_NOT_FOUND.code()));
    }
  }

  /** Writes {@link #CONTENT} as one block and returns the transfer's port, which then dallies. */
  private InetSocketAddress uploadOneBlock(String name) throws Exception {
    client.send(write(name), server.address());
    RawPeer.Received invitation = client.expect();
    assertThat(invitation.packet()).isEqualTo(new Packet.Ack(0));
    client.send(new Packet.Data(1, ByteBuffer.wrap(CONTENT)), invitation.from());
    assertThat(client.expect().packet()).isEqualTo(new Packet.Ack(1));
    return invitation.from();
  }

  private static byte[] payloadOf(RawPeer.Received received) {
    assertThat(received.packet()).isInstanceOf(Packet.Data.class);
    ByteBuffer payload = ((Packet.Data) received.packet()).payload();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    return bytes;
  }

  private static Packet.Request read(String name) {
    return new Packet.Request(false, name, TftpMode.OCTET, Map.of());
  }

  private static Packet.Request write(String name) {
    return new Packet.Request(true, name, TftpMode.OCTET, Map.of());
  }
}
