package io.patchbay.transport.tftp;

import io.patchbay.testkit.ProcessPeer;
import io.patchbay.testkit.TftpdHpaCommand;
import java.nio.file.Path;

/**
 * The real TFTP programs the tests talk to, from Debian packages that {@code .ci/run} installs. A
 * missing program fails the test with a message saying how to install it; nothing is skipped. Run
 * them with {@link ProcessPeer#run}; exit codes of TFTP clients say little (tftp-hpa exits 0 after
 * an ERROR): check the bytes they wrote.
 */
final class Peers {

  private Peers() {}

  /** tftpd-hpa's server. */
  static Path inTftpd() {
    return ProcessPeer.installed(TftpdHpaCommand.BINARY, "tftpd-hpa");
  }

  /** tftp-hpa's client. */
  static Path tftp() {
    return ProcessPeer.installed(Path.of("/usr/bin/tftp"), "tftp-hpa");
  }

  /** curl, whose tftp support speaks blksize and tsize. */
  static Path curl() {
    return ProcessPeer.installed(Path.of("/usr/bin/curl"), "curl");
  }
}
