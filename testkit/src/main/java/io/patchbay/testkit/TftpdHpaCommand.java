package io.patchbay.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs tftpd-hpa for a test or a harness, as {@code /work/shared/PEERS.md}
 * describes: in the foreground, so that a {@link ProcessPeer} owns the process, on a loopback port,
 * serving one directory with {@code --secure}. It must run as root: as another user its transfers
 * time out silently.
 */
public final class TftpdHpaCommand {

  /** tftpd-hpa's server, from the Debian package {@code tftpd-hpa}. */
  public static final Path BINARY = Path.of("/usr/sbin/in.tftpd");

  private TftpdHpaCommand() {}

  /**
   * The command that serves {@code root} on {@code 127.0.0.1:port}, writing its process id to
   * {@code pidFile}; {@code options} (such as {@code --create}) go before the directory.
   */
  public static List<String> serving(Path root, int port, Path pidFile, List<String> options) {
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--listen",
                "--foreground",
                "--address",
                "127.0.0.1:" + port,
                "--secure",
                "--pidfile",
                pidFile.toString()));
    command.addAll(options);
    command.add(root.toString());
    return List.copyOf(command);
  }
}
