package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.model.Sha256;
import io.patchbay.testkit.ProcessPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our server against real clients: tftp-hpa (no options, 512-byte blocks) and curl (blksize and
 * tsize). Their exit codes say little, so every check is on the bytes they wrote.
 */
@Tag("interop")
class ServerAgainstRealClientsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path home;
  static Path root;
  static TftpServer server;
  static Sha256 firmware;

  @BeforeAll
  static void startServer() throws Exception {
    root = Files.createDirectories(home.resolve("root"));
    Files.createDirectories(root.resolve("uploads"));
    firmware = TestFiles.random(root.resolve("fw/image.bin"), 2_500_000, 11);
    server = TftpServer.builder(root).writableDirectory("uploads").maxFileSize(10_000_000).start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void tftpHpaGetsAFileInBinaryMode() throws Exception {
    Path out = home.resolve("tftp-get.bin");

    tftp("-m", "binary", "-c", "get", "fw/image.bin", out.toString());

    assertThat(TestFiles.sha256(out)).isEqualTo(firmware);
  }

  @Test
  void tftpHpaGetsTextInAsciiModeWithLocalLineEnds() throws Exception {
    String text = "a = 1\nb = 2\n\nlast line\n";
    Files.writeString(root.resolve("settings.conf"), text);
    Path out = home.resolve("settings.conf");

    tftp("-m", "ascii", "-c", "get", "settings.conf", out.toString());

    assertThat(Files.readString(out, StandardCharsets.US_ASCII)).isEqualTo(text);
  }

  @Test
  void tftpHpaPutsAFileIntoTheWritableDirectory() throws Exception {
    Path local = home.resolve("tftp-put.bin");
    Sha256 sha = TestFiles.random(local, 1_000_003, 12);

    tftp("-m", "binary", "-c", "put", local.toString(), "uploads/tftp-put.bin");

    assertThat(TestFiles.sha256(root.resolve("uploads/tftp-put.bin"))).isEqualTo(sha);
  }

  @Test
  void tftpHpaCannotPutOutsideTheWritableDirectory() throws Exception {
    Path local = home.resolve("intruder.bin");
    TestFiles.random(local, 10_000, 13);

    tftp("-m", "binary", "-c", "put", local.toString(), "fw/intruder.bin");

    assertThat(root.resolve("fw/intruder.bin")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 1468, 65464})
  void curlGetsAFileWithBlksizeAndTsize(int blockSize) throws Exception {
    Path out = home.resolve("curl-" + blockSize + ".bin");

    curl(
        "--tftp-blksize",
        Integer.toString(blockSize),
        "-o",
        out.toString(),
        server.uri() + "/fw/image.bin");

    assertThat(TestFiles.sha256(out)).isEqualTo(firmware);
  }

  @Test
  void curlGetsAFileWithoutOptions() throws Exception {
    Path out = home.resolve("curl-plain.bin");

    curl("--tftp-no-options", "-o", out.toString(), server.uri() + "/fw/image.bin");

    assertThat(TestFiles.sha256(out)).isEqualTo(firmware);
  }

  @Test
  void curlUploadsAFileWithTsize() throws Exception {
    Path local = home.resolve("curl-put.bin");
    Sha256 sha = TestFiles.random(local, 3_000_000, 14);

    curl("-T", local.toString(), server.uri() + "/uploads/curl-put.bin");

    assertThat(TestFiles.sha256(root.resolve("uploads/curl-put.bin"))).isEqualTo(sha);
  }

  @Test
  void curlIsToldAFileIsMissing() throws Exception {
    Path out = home.resolve("curl-missing.bin");

    ProcessPeer.Finished result = curl("-o", out.toString(), server.uri() + "/fw/missing.bin");

    // 68 is CURLE_TFTP_NOTFOUND: curl read our ERROR 1. Its message is a confusing
    // "getpeername() failed" (PEERS.md), so the exit code is what tells.
    assertThat(result.exitCode()).isEqualTo(68);
    assertThat(out).doesNotExist();
  }

  private static ProcessPeer.Finished tftp(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Peers.tftp().toString(),
                "127.0.0.1",
                Integer.toString(server.address().getPort())));
    command.addAll(List.of(arguments));
    return ProcessPeer.run(PATIENCE, home, command);
  }

  private static ProcessPeer.Finished curl(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(Peers.curl().toString(), "--silent", "--show-error"));
    command.addAll(List.of(arguments));
    return ProcessPeer.run(PATIENCE, home, command);
  }
}
