package io.patchbay.transport.tftp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real TFTP programs the tests talk to, from Debian packages that {@code .ci/run} installs. A
 * missing program fails the test with a message saying how to install it; nothing is skipped.
 */
final class Peers {

  private Peers() {}

  /** tftpd-hpa's server. */
  static Path inTftpd() {
    return binary("tftpd-hpa", "/usr/sbin/in.tftpd");
  }

  /** tftp-hpa's client. */
  static Path tftp() {
    return binary("tftp-hpa", "/usr/bin/tftp");
  }

  /** curl, whose tftp support speaks blksize and tsize. */
  static Path curl() {
    return binary("curl", "/usr/bin/curl");
  }

  /** What a finished program left behind. */
  record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} to its end, or kills it after {@code timeout}, and returns its exit code
   * and output. Exit codes of TFTP clients say little (tftp-hpa exits 0 after an ERROR): check the
   * bytes they wrote.
   */
  static Result run(Duration timeout, Path directory, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(directory, "output-", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(
          command
              + " did not finish within "
              + timeout
              + ": "
              + Files.readString(output, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** A UDP port on the loopback address that was free a moment ago. */
  static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Path binary(String debianPackage, String path) {
    Path binary = Path.of(path);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          path + " is missing: apt-get install " + debianPackage + " (.ci/run does)");
    }
    return binary;
  }
}
