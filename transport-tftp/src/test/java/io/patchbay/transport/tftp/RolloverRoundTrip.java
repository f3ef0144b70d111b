package io.patchbay.transport.tftp;

import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a file through our client to our server at 512-byte blocks and reads it back, both
 * streamed from and to disk; a main too, so a test can run it in a JVM whose heap is smaller than
 * the file.
 */
final class RolloverRoundTrip {

  /**
   * 65,535 blocks of 512 bytes are 33,553,920 bytes: this size needs block numbers past the wrap.
   */
  static final long SIZE = (32L << 20) + 1_000_000;

  private RolloverRoundTrip() {}

  /**
   * Round-trips {@code size} random bytes under {@code home} with {@code client} and returns
   * whether the server's copy and the copy read back both have the original's SHA-256.
   */
  static boolean run(Path home, long size, TftpClient client) throws IOException {
    Path original = home.resolve("original.bin");
    Sha256 sha = TestFiles.random(original, size, 11);
    Path root = Files.createDirectories(home.resolve("root/up"));
    try (TftpServer server = TftpServer.builder(root.getParent()).writableDirectory("up").start()) {
      try (InputStream in = Files.newInputStream(original)) {
        client.write(server.address(), "up/big.bin", TftpMode.OCTET, in, size, bytes -> {});
      }
      Path back = home.resolve("back.bin");
      try (OutputStream out = Files.newOutputStream(back)) {
        client.read(server.address(), "up/big.bin", TftpMode.OCTET, out);
      }
      return TestFiles.sha256(root.resolve("big.bin")).equals(sha)
          && TestFiles.sha256(back).equals(sha);
    }
  }

  /**
   * {@code RolloverRoundTrip HOME}: exits 0 if the round trip of {@link #SIZE} bytes at 512-byte
   * blocks kept every byte.
   */
  public static void main(String[] args) throws IOException {
    TftpClient lockstep512 = TftpClient.builder().plainRfc1350().build();
    boolean intact = run(Path.of(args[0]), SIZE, lockstep512);
    System.out.println(intact ? "intact" : "corrupted");
    System.exit(intact ? 0 : 1);
  }
}
