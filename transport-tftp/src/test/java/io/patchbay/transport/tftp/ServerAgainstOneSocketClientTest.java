package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.device.DeviceTrust;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our server against a real client that keeps one socket, and so one transfer identifier (RFC 1350
 * §4), for all its transfers: commons-net's {@code TFTPClient} (plain RFC 1350, 512-byte blocks).
 * It sends its next request from the same port the moment its last transfer ended on its side,
 * while ours may still be dallying or reading the final ACK, and it never sends a request twice: a
 * request the server ignores fails the transfer once its timeouts run out.
 */
class ServerAgainstOneSocketClientTest {

  /** The client's wait for each packet; it gives up after five of them in a row. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The server's wait for each packet, and half its dally after an upload. Generous, because the
   * client never retransmits and throws queued packets away when a duplicate arrives: a server
   * retransmission caused by a stalled test thread could make it lose the final ACK of an upload.
   */
  private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path home;
  TFTPClient client;

  @BeforeEach
  void openOneSocket() throws Exception {
    client = new TFTPClient();
    client.setDefaultTimeout(CLIENT_TIMEOUT);
    client.open();
  }

  @AfterEach
  void closeSocket() {
    client.close();
  }

  @Test
  void putThenGetOfTheSameFileFromOnePort() throws Exception {
    byte[] firmware = TestFiles.bytes(5_000, 1);
    Path root = Files.createDirectories(home.resolve("root/uploads")).getParent();
    try (TftpServer server = acceptingUploads(root)) {
      put(server.address(), "uploads/fw.bin", firmware);

      assertThat(get(server.address(), "uploads/fw.bin")).isEqualTo(firmware);
    }
  }

  @Test
  void putTwiceToTheSameNameFromOnePortStoresTheSecond() throws Exception {
    Path root = Files.createDirectories(home.resolve("root/uploads")).getParent();
    try (TftpServer server = acceptingUploads(root)) {
      put(server.address(), "uploads/fw.bin", TestFiles.bytes(3_000, 2));
      byte[] second = TestFiles.bytes(3_000, 3);

      put(server.address(), "uploads/fw.bin", second);

      assertThat(Files.readAllBytes(root.resolve("uploads/fw.bin"))).isEqualTo(second);
    }
  }

  @Test
  void sixtyBackToBackGetsOfAFileOfSeveralBlocksFromOnePortAllArrive() throws Exception {
    sixtyBackToBackGetsArrive(TestFiles.bytes(512 * 3 + 100, 4));
  }

  /**
   * The hardest case: the one ACK of a one-block file is also the last, and races the next request.
   */
  @Test
  void sixtyBackToBackGetsOfAOneBlockFileFromOnePortAllArrive() throws Exception {
    sixtyBackToBackGetsArrive(TestFiles.bytes(300, 5));
  }

  @Test
  void aGetAnsweredWithAnErrorCanBeAskedAgainAtOnceFromOnePort() throws Exception {
    Path root = Files.createDirectories(home.resolve("root"));
    try (TftpServer server = TftpServer.builder(root).timeout(SERVER_TIMEOUT).start()) {
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> get(server.address(), "missing.bin"))
            .hasMessageContaining("Error code 1");
      }
    }
  }

  @Test
  void stageCommitAndConfirmFromOnePortInstallTheFileOnTheReferenceDevice() throws Exception {
    byte[] player = TestFiles.bytes(40_000, 6);
    String sha256 = Sha256.of(VerifyingCopy.newSha256().digest(player)).hex();
    String transfer = DeviceProtocol.newTransferId();
    // The commit record as docs/protocol-tftp.md spells it, written by hand rather than by our
    // code.
    String record =
        "{\"protocol\":\"patchbay-tftp/1\",\"transfer\":\""
            + transfer
            + "\",\"name\":\"bin/player\","
            + "\"version\":\"2.0.0\",\"size\":"
            + player.length
            + ",\"sha256\":\""
            + sha256
            + "\"}";
    try (TftpDeviceAgent device =
        TftpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure())
            .timeout(SERVER_TIMEOUT, 5)
            .start()) {
      put(device.address(), ".patchbay/staging/" + transfer, player);
      put(
          device.address(),
          ".patchbay/commit/" + transfer + ".json",
          record.getBytes(StandardCharsets.UTF_8));

      byte[] result = get(device.address(), ".patchbay/result/" + transfer + ".json");

      assertThat(new String(result, StandardCharsets.UTF_8))
          .contains("\"status\":\"installed\"")
          .contains(transfer);
      assertThat(device.manifest().find("bin/player"))
          .hasValueSatisfying(
              entry -> {
                assertThat(entry.version()).isEqualTo("2.0.0");
                assertThat(entry.sha256().hex()).isEqualTo(sha256);
              });
      assertThat(TestFiles.sha256(device.pathOf("bin/player")).hex()).isEqualTo(sha256);
    }
  }

  private void sixtyBackToBackGetsArrive(byte[] content) throws Exception {
    Path root = Files.createDirectories(home.resolve("root"));
    Files.write(root.resolve("settings.bin"), content);
    try (TftpServer server = TftpServer.builder(root).timeout(SERVER_TIMEOUT).start()) {
      for (int get = 1; get <= 60; get++) {
        assertThat(get(server.address(), "settings.bin"))
            .as("get %d of 60", get)
            .isEqualTo(content);
      }
    }
  }

  private static TftpServer acceptingUploads(Path root) throws IOException {
    return TftpServer.builder(root).writableDirectory("uploads").timeout(SERVER_TIMEOUT).start();
  }

  private void put(InetSocketAddress server, String name, byte[] content) throws IOException {
    client.sendFile(
        name,
        TFTP.BINARY_MODE,
        new ByteArrayInputStream(content),
        server.getAddress(),
        server.getPort());
  }

  private byte[] get(InetSocketAddress server, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.receiveFile(name, TFTP.BINARY_MODE, out, server.getAddress(), server.getPort());
    return out.toByteArray();
  }
}
