package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Denial of service with single datagrams whose source anyone can forge: a request that is never
 * answered costs the server, and its victim, little, and one host cannot take every transfer.
 * Scripted peers on loopback; {@code 127.0.0.2} plays another host.
 */
class SpoofedRequestsTest {

  private static final Duration QUIET = Duration.ofMillis(400);

  /** Short, so that an unanswered transfer gives up well within {@link #QUIET}s. */
  private static final Duration SHORT = Duration.ofMillis(50);

  @TempDir Path root;
  private final List<RawPeer> peers = new ArrayList<>();

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(root.resolve("uploads"));
    Files.write(root.resolve("f.bin"), TestFiles.bytes(5000, 3));
  }

  @AfterEach
  void closePeers() {
    peers.forEach(RawPeer::close);
  }

  @Test
  void anUnansweredReadGetsItsFirstDataAtMostThreeTimes() throws Exception {
    try (TftpServer server = TftpServer.builder(root).timeout(SHORT).retries(5).start()) {
      RawPeer victim = peer("127.0.0.1");

      victim.send(request(false, "f.bin", Map.of()), server.address());

      assertThat(victim.countUntilQuiet(QUIET)).isEqualTo(3);
    }
  }

  @Test
  void anUnansweredReadWithOptionsGetsItsOackAtMostThreeTimes() throws Exception {
    try (TftpServer server = TftpServer.builder(root).timeout(SHORT).retries(5).start()) {
      RawPeer victim = peer("127.0.0.1");

      victim.send(
          request(false, "f.bin", Map.of("blksize", "1428", "windowsize", "64")), server.address());

      assertThat(victim.countUntilQuiet(QUIET)).isEqualTo(3);
    }
  }

  @Test
  void anUnansweredWriteGetsItsAckAtMostTwiceWhenConfiguredSo() throws Exception {
    try (TftpServer server =
        TftpServer.builder(root)
            .writableDirectory("uploads")
            .timeout(SHORT)
            .retries(5)
            .unansweredRetries(1)
            .start()) {
      RawPeer victim = peer("127.0.0.1");

      victim.send(request(true, "uploads/u.bin", Map.of()), server.address());

      assertThat(victim.countUntilQuiet(QUIET)).isEqualTo(2);
      assertThat(root.resolve("uploads/u.bin")).doesNotExist();
    }
  }

  @Test
  void aTimeoutAboveTheCapIsLeftOutOfTheOackAndOneWithinItIsEchoed() throws Exception {
    try (TftpServer server = TftpServer.builder(root).start()) {
      RawPeer client = peer("127.0.0.1");
      Map<String, String> greedy = new LinkedHashMap<>();
      greedy.put("blksize", "1024");
      greedy.put("timeout", "255");

      client.send(request(false, "f.bin", greedy), server.address());
      RawPeer.Received capped = client.expect();
      client.send(new Packet.ErrorPacket(TftpErrorCode.NOT_DEFINED, "enough"), capped.from());
      client.send(request(false, "f.bin", Map.of("timeout", "5")), server.address());
      RawPeer.Received granted = client.expect();
      client.send(new Packet.ErrorPacket(TftpErrorCode.NOT_DEFINED, "enough"), granted.from());

      assertThat(capped.packet()).isEqualTo(new Packet.OptionAck(Map.of("blksize", "1024")));
      assertThat(granted.packet()).isEqualTo(new Packet.OptionAck(Map.of("timeout", "5")));
    }
  }

  @Test
  void oneAddressGetsAtMostItsLimitOfTransfersWhileAnotherIsStillServed() throws Exception {
    try (TftpServer server =
        TftpServer.builder(root).timeout(Duration.ofSeconds(5)).maxTransfersPerClient(2).start()) {
      for (int i = 0; i < 2; i++) {
        RawPeer flooder = peer("127.0.0.1");
        flooder.send(request(false, "f.bin", Map.of()), server.address());
        assertThat(flooder.expect().packet()).isInstanceOf(Packet.Data.class);
      }
      RawPeer third = peer("127.0.0.1");
      RawPeer other = peer("127.0.0.2");

      third.send(request(false, "f.bin", Map.of()), server.address());
      other.send(request(false, "f.bin", Map.of()), server.address());

      assertThat(third.expect().packet())
          .isInstanceOfSatisfying(
              Packet.ErrorPacket.class,
              error -> {
                assertThat(error.code()).isEqualTo(TftpErrorCode.NOT_DEFINED.code());
                assertThat(error.message()).startsWith("busy:").contains("this address");
              });
      assertThat(other.expect().packet())
          .isInstanceOfSatisfying(Packet.Data.class, data -> assertThat(data.block()).isEqualTo(1));
    }
  }

  @Test
  void unansweredStagingRequestsTakeNoSlotAndALegitimateTransferStillInstalls() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.builder(root.resolve("stb"), DeviceTrust.insecure())
            .maxStaged(2)
            .timeout(Duration.ofSeconds(5), 5)
            .start()) {
      for (int i = 0; i < 4; i++) {
        RawPeer forger = peer("127.0.0.2");
        forger.send(
            request(
                true,
                ".patchbay/staging/" + String.format("%08x-0000", i),
                Map.of("timeout", "255", "tsize", "1000")),
            device.address());
        assertThat(forger.expect().packet()).isInstanceOf(Packet.OptionAck.class);
      }
      assertThat(filesIn(device.pathOf(".patchbay/incoming"))).isEmpty();
      byte[] firmware = TestFiles.bytes(20_000, 9);
      Sha256 sha256 = InMemoryCatalog.sha256(firmware);

      new TftpTransport()
          .transferer()
          .transfer(
              Client.of("stb", device.endpoint()),
              new BytesArtifact(
                  CatalogEntry.of("fw/main.bin", "3.0", sha256, firmware.length, URI.create("a")),
                  firmware),
              bytes -> {});

      assertThat(Files.readAllBytes(device.pathOf("fw/main.bin"))).isEqualTo(firmware);
    }
  }

  private RawPeer peer(String address) throws Exception {
    RawPeer peer = RawPeer.open(InetAddress.getByName(address));
    peers.add(peer);
    return peer;
  }

  private static Packet.Request request(boolean write, String name, Map<String, String> options) {
    return new Packet.Request(write, name, TftpMode.OCTET, options);
  }

  private static List<Path> filesIn(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
