package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.device.DeviceTrust;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit record installs only what its own gateway staged: it must come from the staging address
 * and name the digest computed as the bytes arrived, and its result is kept on the device, durably
 * and for its retention, whatever others commit meanwhile. {@code 127.0.0.2} plays another host.
 */
class CommitBindingTest {

  private static final byte[] FIRMWARE = TestFiles.bytes(30_000, 5);
  private static final Sha256 SHA256 = InMemoryCatalog.sha256(FIRMWARE);

  @TempDir Path home;

  private final TftpClient gateway = TftpClient.defaults();

  @Test
  void aCommitFromAnotherAddressIsRefusedAndLeavesTheFileToItsGateway() throws Exception {
    try (TftpDeviceAgent device = agent().start()) {
      String transfer = "0a000000-0000-4000-8000-000000000001";
      stage(device, transfer, FIRMWARE);

      Packet refusal = commitFrom("127.0.0.2", device, transfer, record(transfer, SHA256));

      assertThat(refusal)
          .isInstanceOfSatisfying(
              Packet.ErrorPacket.class,
              error -> {
                assertThat(error.code()).isEqualTo(TftpErrorCode.ACCESS_VIOLATION.code());
                assertThat(error.message()).startsWith("invalid-commit:");
              });
      assertThat(device.pathOf("fw/main.bin")).doesNotExist();
      assertThatThrownBy(() -> result(device, transfer))
          .isInstanceOfSatisfying(
              TftpErrorException.class,
              e -> assertThat(e.errorCode()).contains(TftpErrorCode.FILE_NOT_FOUND));
      commit(device, transfer, record(transfer, SHA256));
      assertThat(result(device, transfer)).contains("\"status\":\"installed\"");
      assertThat(Files.readAllBytes(device.pathOf("fw/main.bin"))).isEqualTo(FIRMWARE);
    }
  }

  @Test
  void aCommitOfATransferNotYetStagedPublishesNoResultToPreemptItsGateway() throws Exception {
    try (TftpDeviceAgent device = agent().start()) {
      String transfer = "0a000000-0000-4000-8000-000000000002";

      Packet refusal = commitFrom("127.0.0.2", device, transfer, record(transfer, SHA256));
      stage(device, transfer, FIRMWARE);
      commit(device, transfer, record(transfer, SHA256));

      assertThat(refusal).isInstanceOf(Packet.ErrorPacket.class);
      assertThat(result(device, transfer)).contains("\"status\":\"installed\"");
    }
  }

  @Test
  void aCommitNamingAnotherDigestThanWasStagedIsRefusedAndNothingIsInstalled() throws Exception {
    try (TftpDeviceAgent device = agent().start()) {
      String transfer = "0a000000-0000-4000-8000-000000000003";
      Sha256 other = InMemoryCatalog.sha256(TestFiles.bytes(30_000, 6));
      stage(device, transfer, FIRMWARE);

      commit(device, transfer, record(transfer, other));

      assertThat(result(device, transfer))
          .contains("\"reason\":\"digest-mismatch\"")
          .contains(SHA256.hex())
          .contains(other.hex());
      assertThat(device.pathOf("fw/main.bin")).doesNotExist();
      assertThat(device.manifest().entries()).isEmpty();
    }
  }

  @Test
  void aResultSurvivesARestartOfTheDevice() throws Exception {
    String transfer = "0a000000-0000-4000-8000-000000000004";
    try (TftpDeviceAgent device = agent().start()) {
      stage(device, transfer, FIRMWARE);
      commit(device, transfer, record(transfer, SHA256));
    }

    try (TftpDeviceAgent restarted = agent().start()) {
      assertThat(result(restarted, transfer))
          .contains("\"transfer\":\"" + transfer + "\"")
          .contains("\"status\":\"installed\"");
    }
  }

  @Test
  void aFloodOfCommitsDoesNotDropAResultWithinItsRetention() throws Exception {
    try (TftpDeviceAgent device = agent().maxResults(2).start()) {
      String awaited = "0a000000-0000-4000-8000-000000000005";
      stage(device, awaited, FIRMWARE);
      commit(device, awaited, record(awaited, SHA256));
      String second = "0a000000-0000-4000-8000-000000000006";
      stage(device, second, FIRMWARE);
      commit(device, second, record(second, SHA256));
      String flood = "0a000000-0000-4000-8000-000000000007";
      stage(device, flood, FIRMWARE);

      assertThatThrownBy(() -> commit(device, flood, record(flood, SHA256)))
          .isInstanceOfSatisfying(
              TftpErrorException.class, e -> assertThat(e.peerMessage()).startsWith("busy:"));
      assertThat(result(device, awaited)).contains("\"status\":\"installed\"");
      assertThat(result(device, second)).contains("\"status\":\"installed\"");
    }
  }

  @Test
  void aResultPastItsRetentionMakesRoomForTheNext() throws Exception {
    try (TftpDeviceAgent device = agent().maxResults(1).resultRetention(Duration.ZERO).start()) {
      String first = "0a000000-0000-4000-8000-000000000008";
      stage(device, first, FIRMWARE);
      commit(device, first, record(first, SHA256));
      String next = "0a000000-0000-4000-8000-000000000009";
      stage(device, next, FIRMWARE);

      commit(device, next, record(next, SHA256));

      assertThat(result(device, next)).contains("\"status\":\"installed\"");
      assertThatThrownBy(() -> result(device, first)).isInstanceOf(TftpErrorException.class);
      try (var kept = Files.list(device.pathOf(".patchbay/tftp-results"))) {
        assertThat(kept.toList()).hasSize(1);
      }
    }
  }

  private TftpDeviceAgent.Builder agent() {
    return TftpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure());
  }

  private void stage(TftpDeviceAgent device, String transfer, byte[] content) throws Exception {
    gateway.write(
        device.address(),
        DeviceProtocol.staging(transfer),
        TftpMode.OCTET,
        new ByteArrayInputStream(content),
        content.length,
        bytes -> {});
  }

  private void commit(TftpDeviceAgent device, String transfer, byte[] record) throws Exception {
    gateway.write(
        device.address(),
        DeviceProtocol.commit(transfer),
        TftpMode.OCTET,
        new ByteArrayInputStream(record),
        record.length,
        bytes -> {});
  }

  private String result(TftpDeviceAgent device, String transfer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    gateway.read(device.address(), DeviceProtocol.result(transfer), TftpMode.OCTET, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes a commit record in one plain RFC 1350 block from a scripted peer on {@code address}, and
   * returns the device's answer to the block: its ACK, or an ERROR.
   */
  private static Packet commitFrom(
      String address, TftpDeviceAgent device, String transfer, byte[] record) throws Exception {
    try (RawPeer peer = RawPeer.open(InetAddress.getByName(address))) {
      peer.send(
          new Packet.Request(true, DeviceProtocol.commit(transfer), TftpMode.OCTET, Map.of()),
          device.address());
      RawPeer.Received invitation = peer.expect();
      assertThat(invitation.packet()).isEqualTo(new Packet.Ack(0));
      peer.send(new Packet.Data(1, ByteBuffer.wrap(record)), invitation.from());
      return peer.expect().packet();
    }
  }

  private static byte[] record(String transfer, Sha256 sha256) {
    return DeviceProtocol.CommitRecord.of(
            transfer,
            new FileEntry("fw/main.bin", "3.0", sha256, FIRMWARE.length),
            Optional.empty())
        .toJson();
  }
}
