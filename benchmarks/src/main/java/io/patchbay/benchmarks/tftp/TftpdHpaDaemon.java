package io.patchbay.benchmarks.tftp;

import io.patchbay.testkit.ProcessPeer;
import io.patchbay.testkit.TftpdHpaCommand;
import io.patchbay.transport.tftp.TftpClient;
import io.patchbay.transport.tftp.TftpMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real tftpd-hpa serving a directory read-only on a loopback port, on {@link TftpdHpaCommand}'s
 * command line, started so that this process owns it, with its CPU time counted.
 */
final class TftpdHpaDaemon implements AutoCloseable {

  private static final String PROBE = ".probe";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The cgroup-v1 CPU accounting hierarchy. tftpd-hpa lets the kernel reap its transfer children
   * (their time never reaches its own {@code /proc} counters), so it runs in a cgroup of its own,
   * whose {@code cpuacct.usage} counts every child in nanoseconds.
   */
  private static final Path CPUACCT = Path.of("/sys/fs/cgroup/cpuacct");

  private final ProcessPeer process;
  private final InetSocketAddress address;
  private final Path cgroup;

  private TftpdHpaDaemon(ProcessPeer process, InetSocketAddress address, Path cgroup) {
    this.process = process;
    this.address = address;
    this.cgroup = cgroup;
  }

  /**
   * Starts tftpd-hpa over {@code root} on {@code port} and returns once it serves a file.
   *
   * @throws IllegalStateException if tftpd-hpa is missing, this process is not root, or it does not
   *     serve within 10 s
   */
  static TftpdHpaDaemon start(Path root, int port, Path work) throws IOException {
    ProcessPeer.installed(TftpdHpaCommand.BINARY, "tftpd-hpa");
    if (ProcStat.effectiveUid() != 0) {
      throw new IllegalStateException(
          "tftpd-hpa must run as root: as another user its transfers time out silently");
    }
    Files.writeString(root.resolve(PROBE), "ready");
    ProcessPeer process =
        ProcessPeer.start(
            "in.tftpd",
            TftpdHpaCommand.serving(root, port, work.resolve("tftpd.pid"), List.of()),
            work.resolve("tftpd.log"));
    // In its cgroup before the first transfer, so that every transfer child is counted.
    TftpdHpaDaemon daemon =
        new TftpdHpaDaemon(
            process,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            accountingGroup(process.pid()));
    try {
      TftpClient probe = TftpClient.builder().timeout(Duration.ofMillis(100)).retries(0).build();
      process.awaitReady(
          START_TIMEOUT,
          Duration.ofMillis(20),
          () -> {
            try (InputStream in = probe.open(daemon.address, PROBE, TftpMode.OCTET)) {
              return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals("ready");
            }
          });
    } catch (IOException | RuntimeException e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  /** Where it listens. */
  InetSocketAddress address() {
    return address;
  }

  /**
   * User + system time of the daemon and of every transfer child so far, or -1 if this machine has
   * no cgroup CPU accounting to count the children by.
   */
  long cpuNanos() {
    if (cgroup == null) {
      return -1;
    }
    try {
      return Long.parseLong(
          Files.readString(cgroup.resolve("cpuacct.usage"), StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A cgroup counting the CPU time of {@code pid} and its children, or null if none can be made.
   */
  private static Path accountingGroup(long pid) {
    if (!Files.isWritable(CPUACCT.resolve("cgroup.procs"))) {
      return null;
    }
    Path group = CPUACCT.resolve("patchbay-tftp-bench-" + pid);
    try {
      Files.createDirectory(group);
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
      return group;
    } catch (IOException e) {
      removeGroup(group);
      return null;
    }
  }

  private static void removeGroup(Path group) {
    try {
      // A cgroup is removed with rmdir once no process is left in it; its files go with it.
      Files.deleteIfExists(group);
    } catch (IOException e) {
      System.err.println("Could not remove the cgroup " + group + ": " + e);
    }
  }

  /**
   * Waits until the children serving past transfers are gone and reaped, so that their CPU time is
   * counted and they take none from the next transfer.
   *
   * @throws IllegalStateException if one is still there after 10 s
   */
  void awaitIdle() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcStat.hasChildren(process.pid())) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("a tftpd-hpa transfer child did not end within 10 s");
      }
      // Outside any timed part; a short park leaves the CPU to the child that is finishing.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Override
  public void close() {
    process.close();
    if (cgroup != null) {
      awaitIdle();
      removeGroup(cgroup);
    }
  }
}
