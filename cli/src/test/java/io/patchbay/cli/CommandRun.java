package io.patchbay.cli;

import io.patchbay.spi.Transports;
import io.patchbay.testkit.ProcessPeer;
import io.patchbay.transport.http.HttpTransport;
import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.http.RetryPolicy;
import io.patchbay.transport.tftp.TftpTransport;
import io.patchbay.transport.tftp.TftpTransportConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the {@code patchbay} command in this JVM as a user would type it, with its output and errors
 * captured, against transports that give up on a silent peer quickly: HTTP without retries, TFTP
 * after two waits of 250 ms. Tests that need a live TFTP device use {@link #patiently} (the
 * transports' defaults, which a loaded machine does not trip), or the jar tests. A command that
 * runs until interrupted, such as a device, runs on its own thread with {@link #start}.
 */
final class CommandRun {

  private static final Transports QUICK = quick(TransportSettings.DEFAULTS);

  /** HTTP without retries and TFTP that gives up quickly, with {@code settings}. */
  private static Transports quick(TransportSettings settings) {
    HttpTransportConfig.Builder http =
        HttpTransportConfig.builder().retry(RetryPolicy.builder().maxAttempts(1).build());
    TftpTransportConfig.Builder tftp =
        TftpTransportConfig.builder().timeout(Duration.ofMillis(250)).retries(1);
    return Transports.of(
        new HttpTransport(settings.applyTo(http).build()),
        new TftpTransport(settings.applyTo(tftp).build()));
  }

  private CommandRun() {}

  /** What one run printed, and its exit code. */
  record Result(int exitCode, String out, String err) {
    /** Both streams, for assertion messages. */
    synchronized String output() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs {@code patchbay ARGS...}; paths are turned into strings. */
  static Result run(Object... args) {
    return run(http -> http.isDefault() ? QUICK : quick(http), args);
  }

  /** Runs {@code patchbay ARGS...} with the transports a user gets, at their default timeouts. */
  static Result patiently(Object... args) {
    return run(Patchbay::classPathTransports, args);
  }

  private static Result run(Patchbay.TransportFactory transports, Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = execute(transports, out, err, args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private static int execute(
      Patchbay.TransportFactory transports, Writer out, Writer err, Object... args) {
    return Patchbay.commandLine(transports)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(Stream.of(args).map(String::valueOf).toArray(String[]::new));
  }

  /**
   * Starts {@code patchbay ARGS...} on its own thread, for commands that run until interrupted;
   * {@link Running#close()} interrupts it and waits for its end.
   */
  static Running start(Object... args) {
    return new Running(args);
  }

  /** A command running on its own thread, its output collected as it prints. */
  static final class Running implements AutoCloseable {
    // Guarded by this: the command's thread appends, the test's thread reads.
    private final StringBuilder out = new StringBuilder();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Thread thread;

    private Running(Object... args) {
      Writer collecting =
          new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
              synchronized (Running.this) {
                out.append(text, offset, length);
                Running.this.notifyAll();
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      thread =
          new Thread(
              () ->
                  exitCode.complete(execute(Patchbay::classPathTransports, collecting, err, args)),
              "patchbay " + args[0]);
      thread.start();
    }

    /**
     * The first match of {@code pattern} in what the command printed, once it printed one; fails if
     * the command ends first or nothing matches within a minute.
     */
    synchronized Matcher await(Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (true) {
        Matcher match = pattern.matcher(out);
        if (match.find()) {
          return match;
        }
        long left = deadline - System.nanoTime();
        if (exitCode.isDone() || left <= 0) {
          throw new AssertionError("No " + pattern + " in the output of " + output());
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
    }

    /** Both streams so far, for assertion messages. */
    synchronized String output() {
      return (exitCode.isDone() ? "exit " + exitCode.join() : "running")
          + "\n--- out\n"
          + out
          + "--- err\n"
          + err;
    }

    @Override
    public void close() {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code args} followed by {@code more}. */
  static Object[] concat(List<?> args, Object... more) {
    List<Object> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray();
  }

  /** A loopback TCP port nothing listens on: bound, then released. */
  static int closedTcpPort() throws IOException {
    return ProcessPeer.freeTcpPort();
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
