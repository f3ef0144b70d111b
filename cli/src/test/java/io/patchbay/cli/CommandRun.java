package io.patchbay.cli;

import io.patchbay.spi.Transports;
import io.patchbay.transport.http.HttpTransport;
import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.http.RetryPolicy;
import io.patchbay.transport.http.TlsConfig;
import io.patchbay.transport.tftp.TftpTransport;
import io.patchbay.transport.tftp.TftpTransportConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the {@code patchbay} command in this JVM as a user would type it, with its output and errors
 * captured, against transports that give up on a silent peer quickly: HTTP without retries, TFTP
 * after two waits of 250 ms. Tests that need a live TFTP device use the jar tests instead.
 */
final class CommandRun {

  private static final TftpTransport QUICK_TFTP =
      new TftpTransport(
          TftpTransportConfig.builder().timeout(Duration.ofMillis(250)).retries(1).build());

  private static final Transports QUICK = quick(Optional.empty());

  /** HTTP without retries, with {@code deviceTls} if present, and TFTP that gives up quickly. */
  private static Transports quick(Optional<TlsConfig> deviceTls) {
    HttpTransportConfig.Builder http =
        HttpTransportConfig.builder().retry(RetryPolicy.builder().maxAttempts(1).build());
    deviceTls.ifPresent(http::deviceTls);
    return Transports.of(new HttpTransport(http.build()), QUICK_TFTP);
  }

  private CommandRun() {}

  /** What one run printed, and its exit code. */
  record Result(int exitCode, String out, String err) {
    /** Both streams, for assertion messages. */
    String output() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs {@code patchbay ARGS...}; paths are turned into strings. */
  static Result run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        Patchbay.commandLine(deviceTls -> deviceTls.isEmpty() ? QUICK : quick(deviceTls))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(Stream.of(args).map(String::valueOf).toArray(String[]::new));
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** {@code args} followed by {@code more}. */
  static Object[] concat(List<?> args, Object... more) {
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray();
  }

  /** A loopback TCP port nothing listens on: bound, then released. */
  static int closedTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A loopback UDP port nothing answers on: bound, then released. */
  static int silentUdpPort() throws IOException {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  /** Builds a catalog of {@code headEnd} with every file in {@code version}, as a vendor would. */
  static void buildCatalog(Path headEnd, String version, Object... more) {
    Result build = run(concat(List.of("catalog", "build", headEnd, "--version", version), more));
    if (build.exitCode() != 0) {
      throw new IllegalStateException("catalog build failed: " + build.output());
    }
  }
}
