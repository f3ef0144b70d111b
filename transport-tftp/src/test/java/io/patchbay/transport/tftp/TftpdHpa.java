package io.patchbay.transport.tftp;

import io.patchbay.testkit.ProcessPeer;
import io.patchbay.testkit.TftpdHpaCommand;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real tftpd-hpa serving a temporary root on a loopback port, started as PEERS.md says, in the
 * foreground so the test owns the process. It must run as root: as another user its transfers time
 * out silently.
 */
final class TftpdHpa implements AutoCloseable {

  private static final String PROBE = ".probe";

  private final Path root;
  private final InetSocketAddress address;
  private final ProcessPeer process;

  private TftpdHpa(Path root, InetSocketAddress address, ProcessPeer process) {
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
    Peers.inTftpd();
    Path root = Files.createDirectories(home.resolve("root"));
    Files.writeString(root.resolve(PROBE), "ready");
    int port = ProcessPeer.freeUdpPort();
    List<String> command = TftpdHpaCommand.serving(root, port, home.resolve("tftpd.pid"), extra);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    TftpClient probe = TftpClient.builder().timeout(Duration.ofMillis(100)).retries(0).build();
    ProcessPeer process =
        ProcessPeer.start("in.tftpd", command, home.resolve("tftpd.log"))
            .awaitReady(
                Duration.ofSeconds(10),
                Duration.ofMillis(20),
                () -> {
                  try (InputStream in = probe.open(address, PROBE, TftpMode.OCTET)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals("ready");
                  }
                });
    return new TftpdHpa(root, address, process);
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
    process.close();
  }
}
