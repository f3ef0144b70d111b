package io.patchbay.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real program that a test or a harness talks to (a server such as nginx or tftpd-hpa, a device
 * daemon such as the Mender client), run in the foreground so that the JVM owns it: started with
 * its standard output and error in a log file, waited for until it is ready, and stopped by {@link
 * #close()}. One thread drives it. {@link #run} runs a program to its end instead, such as a client
 * or a set-up tool.
 */
public final class ProcessPeer implements AutoCloseable {

  /** How long a program has to end after SIGTERM, and then after SIGKILL. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;

  private ProcessPeer(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** What says that a started program is ready; an {@link IOException} means not yet. */
  @FunctionalInterface
  public interface Readiness {

    /** Whether the program serves yet. */
    boolean ready() throws IOException, InterruptedException;
  }

  /**
   * Starts {@code command}, its standard output and error both written to {@code log}; {@code name}
   * names it in failures.
   */
  public static ProcessPeer start(String name, List<String> command, Path log) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ProcessPeer(name, process, log);
  }

  /**
   * Polls {@code readiness} every {@code pollInterval} until it says ready, and returns this peer.
   *
   * @throws IllegalStateException with the log, if the program exits or {@code timeout} passes
   *     first; the program is stopped then
   * @throws InterruptedIOException if the thread is interrupted; the program is stopped then
   */
  public ProcessPeer awaitReady(Duration timeout, Duration pollInterval, Readiness readiness)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException lastRefusal = null;
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              name + " exited (" + process.exitValue() + "): " + log(), lastRefusal);
        }
        try {
          if (readiness.ready()) {
            return this;
          }
        } catch (IOException e) {
          lastRefusal = e;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              name + " was not ready within " + timeout + ": " + log(), lastRefusal);
        }
        // Waiting on the process rather than sleeping notices at once that it exited.
        process.waitFor(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("Interrupted while waiting for " + name);
      interrupted.initCause(e);
      throw interrupted;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The program's process id. */
  public long pid() {
    return process.pid();
  }

  /** What the program wrote so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Stops the program: SIGTERM, then SIGKILL if it has not ended within 10 seconds. On interrupt it
   * is killed and the thread's interrupt flag is set again. Children it leaves (an nginx worker, a
   * tftpd-hpa transfer, orphaned when the parent is killed) are killed too.
   */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** What a program run to its end left: its exit code, and its standard output and error. */
  public record Finished(int exitCode, String output) {}

  /**
   * Runs {@code command} in {@code directory} to its end and returns its exit code and output,
   * which goes through a temporary file there.
   *
   * @throws IllegalStateException with its output so far, if it has not ended within {@code
   *     timeout}; it is killed then, as it is if the thread is interrupted
   */
  public static Finished run(Duration timeout, Path directory, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(directory, "output-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(
              command + " did not finish within " + timeout + ": " + Files.readString(output));
        }
      } finally {
        if (process.isAlive()) {
          List<ProcessHandle> children = process.descendants().toList();
          process.destroyForcibly().waitFor();
          children.forEach(ProcessHandle::destroyForcibly);
        }
      }
      return new Finished(process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * Returns {@code binary}, a real peer's program, if it is installed: a test that needs a peer
   * fails without it rather than skips.
   *
   * @throws IllegalStateException if it is not executable, saying which Debian package provides it
   */
  public static Path installed(Path binary, String debianPackage) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary + " is missing: apt-get install " + debianPackage + " (.ci/run does)");
    }
    return binary;
  }

  /** A TCP port on the loopback address that was free a moment ago. */
  public static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A UDP port on the loopback address that was free a moment ago. */
  public static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Whether something accepts TCP connections on {@code port} of the loopback address. */
  public static boolean acceptsTcp(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
