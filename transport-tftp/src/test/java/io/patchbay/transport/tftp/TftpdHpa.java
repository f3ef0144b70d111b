package io.patchbay.transport.tftp;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real tftpd-hpa serving a temporary root on a loopback port, started as PEERS.md says, in the
 * foreground so the test owns the process. It must run as root: as another user its transfers time
 * out silently.
 */
final class TftpdHpa implements AutoCloseable {

  private static final String PROBE = ".probe";

  private final Path root;
  private final InetSocketAddress address;
  private final Process process;

  private TftpdHpa(Path root, InetSocketAddress address, Process process) {
    this.root = root;
    this.address = address;
    this.process = process;
  }

  /** Serves {@code home/root} read-only. */
  static TftpdHpa readOnly(Path home) throws IOException {
    return start(home, List.of());
  }

  /** Serves {@code home/root} and accepts uploads that create files. */
  static TftpdHpa writable(Path home) throws IOException {
    return start(home, List.of("--create", "--user", "root"));
  }

  private static TftpdHpa start(Path home, List<String> extra) throws IOException {
    Path binary = Peers.inTftpd();
    Path root = Files.createDirectories(home.resolve("root"));
    Files.writeString(root.resolve(PROBE), "ready");
    int port = Peers.freeUdpPort();
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--listen",
                "--foreground",
                "--address",
                "127.0.0.1:" + port,
                "--secure",
                "--pidfile",
                home.resolve("tftpd.pid").toString()));
    command.addAll(extra);
    command.add(root.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("tftpd.log").toFile())
            .start();
    TftpdHpa tftpd =
        new TftpdHpa(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), process);
    TftpClient probe = TftpClient.builder().timeout(Duration.ofMillis(100)).retries(0).build();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "in.tftpd exited: " + Files.readString(home.resolve("tftpd.log")));
              }
              try (InputStream in = probe.open(tftpd.address, PROBE, TftpMode.OCTET)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals("ready");
              }
            });
    return tftpd;
  }

  /** The served directory. */
  Path root() {
    return root;
  }

  /** Where it listens. */
  InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
