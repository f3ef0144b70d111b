package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against a real tftpd-hpa: options it knows, options it ignores, and none at all. */
@Tag("interop")
class ClientAgainstTftpdHpaTest {

  private static final TftpClient PLAIN = TftpClient.builder().plainRfc1350().build();

  @TempDir static Path home;
  static TftpdHpa tftpd;

  @BeforeAll
  static void startTftpd() throws Exception {
    tftpd = TftpdHpa.writable(home.resolve("tftpd"));
  }

  @AfterAll
  static void stopTftpd() {
    tftpd.close();
  }

  @Test
  void readsWithBlksizeTsizeAndTimeoutAndFallsBackToLockstepWithoutWindowsize() throws Exception {
    Sha256 sha = TestFiles.random(tftpd.root().resolve("fw/image.bin"), 3_000_000, 1);

    Path out = home.resolve("image.bin");
    long bytes = read(TftpClient.defaults(), "fw/image.bin", out);

    assertThat(bytes).isEqualTo(3_000_000);
    assertThat(TestFiles.sha256(out)).isEqualTo(sha);
  }

  @Test
  void readsWithoutAnyOptionAsPlainRfc1350() throws Exception {
    Sha256 sha = TestFiles.random(tftpd.root().resolve("plain.bin"), 700_000, 2);

    Path out = home.resolve("plain.bin");
    read(PLAIN, "plain.bin", out);

    assertThat(TestFiles.sha256(out)).isEqualTo(sha);
  }

  @Test
  void readsWithTheLargestBlockSize() throws Exception {
    Sha256 sha = TestFiles.random(tftpd.root().resolve("large-blocks.bin"), 5_000_000, 3);

    Path out = home.resolve("large-blocks.bin");
    read(TftpClient.builder().blockSize(65_464).build(), "large-blocks.bin", out);

    assertThat(TestFiles.sha256(out)).isEqualTo(sha);
  }

  @Test
  void readsFilesThatEndOnABlockBoundaryAndEmptyFiles() throws Exception {
    Sha256 exact = TestFiles.random(tftpd.root().resolve("exact.bin"), 512 * 4, 4);
    Files.write(tftpd.root().resolve("empty.bin"), new byte[0]);

    Path out = home.resolve("exact.bin");
    read(PLAIN, "exact.bin", out);
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    long emptyBytes = PLAIN.read(tftpd.address(), "empty.bin", TftpMode.OCTET, empty);

    assertThat(TestFiles.sha256(out)).isEqualTo(exact);
    assertThat(emptyBytes).isZero();
  }

  @Test
  void aMissingFileIsATypedErrorWithThePeersCodeAndMessage() {
    assertThatThrownBy(
            () -> TftpClient.defaults().open(tftpd.address(), "no/such.bin", TftpMode.OCTET))
        .isInstanceOfSatisfying(
            TftpErrorException.class,
            e -> {
              assertThat(e.errorCode()).contains(TftpErrorCode.FILE_NOT_FOUND);
              assertThat(e.peerMessage()).isNotBlank();
              assertThat(e.peer().getAddress()).isEqualTo(tftpd.address().getAddress());
            });
  }

  @Test
  void writesWithTsizeAndBlksize() throws Exception {
    Path local = home.resolve("upload.bin");
    Sha256 sha = TestFiles.random(local, 2_000_000, 5);

    long acknowledged;
    try (InputStream in = Files.newInputStream(local)) {
      acknowledged =
          TftpClient.defaults()
              .write(tftpd.address(), "upload.bin", TftpMode.OCTET, in, Files.size(local), b -> {});
    }

    assertThat(acknowledged).isEqualTo(2_000_000);
    assertThat(TestFiles.sha256(tftpd.root().resolve("upload.bin"))).isEqualTo(sha);
  }

  @Test
  void writesWithoutAnyOption() throws Exception {
    Path local = home.resolve("plain-upload.bin");
    Sha256 sha = TestFiles.random(local, 300_001, 6);

    try (InputStream in = Files.newInputStream(local)) {
      PLAIN.write(tftpd.address(), "plain-upload.bin", TftpMode.OCTET, in, -1, b -> {});
    }

    assertThat(TestFiles.sha256(tftpd.root().resolve("plain-upload.bin"))).isEqualTo(sha);
  }

  @Test
  void netasciiTextArrivesWithLocalLineEnds() throws Exception {
    String text = "channel 1 = news\nchannel 2 = sport\r\nlone\rcarriage return\n";
    Files.writeString(tftpd.root().resolve("channels.conf"), text);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TftpClient.defaults().read(tftpd.address(), "channels.conf", TftpMode.NETASCII, out);

    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(text);
  }

  @Test
  void roundTripsAFileOverThirtyTwoMebibytesAt512ByteBlocksAcrossTheBlockNumberRollover()
      throws Exception {
    // 65,535 blocks of 512 bytes are 33,553,920 bytes; this file needs block numbers past that.
    long size = 33_554_432 + 100_000;
    Path local = home.resolve("rollover.bin");
    Sha256 sha = TestFiles.random(local, size, 7);
    TftpClient lockstep512 = TftpClient.builder().plainRfc1350().transferSize(true).build();

    try (InputStream in = Files.newInputStream(local)) {
      lockstep512.write(tftpd.address(), "rollover.bin", TftpMode.OCTET, in, size, b -> {});
    }
    Path back = home.resolve("rollover-back.bin");
    long bytes = read(lockstep512, "rollover.bin", back);

    assertThat(TestFiles.sha256(tftpd.root().resolve("rollover.bin"))).isEqualTo(sha);
    assertThat(bytes).isEqualTo(size);
    assertThat(TestFiles.sha256(back)).isEqualTo(sha);
  }

  private static long read(TftpClient client, String name, Path out) throws Exception {
    try (OutputStream file = Files.newOutputStream(out)) {
      return client.read(tftpd.address(), name, TftpMode.OCTET, file);
    }
  }
}
