package io.patchbay.benchmarks.tftp;

import io.patchbay.testkit.ProcessPeer;
import io.patchbay.testkit.TftpdHpaCommand;
import io.patchbay.transport.tftp.TftpClient;
import io.patchbay.transport.tftp.TftpMode;
import io.patchbay.transport.tftp.TftpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Times our TFTP client and server against tftpd-hpa and curl on loopback (issue 16): our client
 * and curl downloading one random file from tftpd-hpa, curl downloading it from our server and from
 * tftpd-hpa, and our client from our server in lockstep and with a window. The trials alternate, a
 * round at a time, in reverse order every other round, so whatever else loads the machine hits
 * every side; every copy is checked by its SHA-256 and a mismatch fails the run.
 *
 * <p>Our side is timed inside this process after untimed warm-up transfers, as a long-running
 * gateway runs; the peers as whole processes (curl from its start to its exit). Besides wall time,
 * each transfer's CPU time (user + system) is taken per process from {@code /proc}. Needs Linux,
 * root (for tftpd-hpa), {@code /usr/sbin/in.tftpd} and {@code /usr/bin/curl}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.patchbay.benchmarks.tftp.TftpHarness \
 *     [--size 64m] [--runs 5] [--warmups 2] [--blksize 1468,65464] [--window 16] [--dir DIR]
 *     [--keep] [--jfr FILE] [--only TEXT]
 * java -cp benchmarks/target/benchmarks.jar io.patchbay.benchmarks.tftp.TftpHarness --smoke
 * </pre>
 */
public final class TftpHarness {

  private static final Path CURL = Path.of("/usr/bin/curl");
  private static final String FILE = "image.bin";
  private static final Duration CURL_TIMEOUT = Duration.ofMinutes(5);

  private final HarnessSettings settings;
  private final PrintStream out;
  private final Path work;
  private final Path outputs;
  private String sha256;
  private TftpdHpaDaemon tftpd;
  private TftpServer ours;

  private TftpHarness(HarnessSettings settings, PrintStream out, Path work) {
    this.settings = settings;
    this.out = out;
    this.work = work;
    this.outputs = work.resolve("out");
  }

  /**
   * Runs the harness with the command line's settings and prints every run, the medians and the
   * ratios against issue 16's targets; exits with status 1 if a transfer fails or a copy differs.
   */
  public static void main(String[] args) {
    try {
      run(HarnessSettings.parse(args), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /**
   * Runs every trial as {@code settings} say, printing to {@code out}, and returns the samples.
   *
   * @throws TransferCheckException if a copy differs from the served file
   * @throws IllegalStateException if tftpd-hpa or curl is missing or this process is not root
   * @throws IOException if a transfer fails
   */
  static HarnessResults run(HarnessSettings settings, PrintStream out) throws IOException {
    ProcessPeer.installed(CURL, "curl");
    ProcessPeer.installed(TftpdHpaCommand.BINARY, "tftpd-hpa");
    Path work = Files.createTempDirectory(settings.directory(), "patchbay-tftp-bench-");
    try {
      return new TftpHarness(settings, out, work).runAll();
    } finally {
      if (settings.keep()) {
        out.println("kept " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  private HarnessResults runAll() throws IOException {
    Path root = Files.createDirectories(work.resolve("root"));
    Files.createDirectories(outputs);
    sha256 = writeRandomFile(root.resolve(FILE), settings.size());
    List<Trial> trials = trials();
    HarnessResults results = new HarnessResults(settings, trials);
    try (TftpdHpaDaemon daemon = TftpdHpaDaemon.start(root, ProcessPeer.freeUdpPort(), work);
        TftpServer server = TftpServer.builder(root).start()) {
      this.tftpd = daemon;
      this.ours = server;
      out.printf(
          "TFTP harness: %s, sha-256 %s; tftpd-hpa on port %d, ours on port %d; load %s%n",
          HarnessReport.size(settings.size()),
          sha256,
          daemon.address().getPort(),
          server.port(),
          ProcStat.loadAverage());
      for (int round = 1; round <= settings.warmups(); round++) {
        for (Trial trial : trials) {
          if (trial.pairing().ourClient() || trial.pairing().ourServer()) {
            transfer(trial);
          }
        }
      }
      out.printf("warm-up done: %d rounds of the trials with our side%n", settings.warmups());
      try (Recording recording = startRecording()) {
        for (int round = 1; round <= settings.runs(); round++) {
          List<Trial> order = new ArrayList<>(trials);
          if (round % 2 == 0) {
            Collections.reverse(order);
          }
          results.load(ProcStat.loadAverage1());
          out.printf("round %d (load %s)%n", round, ProcStat.loadAverage());
          for (Trial trial : order) {
            Sample sample = transfer(trial);
            results.add(trial, sample);
            out.println("  " + HarnessReport.line(trial, sample));
          }
        }
        results.load(ProcStat.loadAverage1());
        if (recording != null) {
          recording.dump(settings.jfr());
          out.println("JFR recording of the timed rounds: " + settings.jfr());
        }
      }
    }
    new HarnessReport(results, out).print();
    return results;
  }

  private List<Trial> trials() {
    List<Trial> trials = new ArrayList<>();
    for (int blockSize : settings.blockSizes()) {
      for (Pairing pairing : Pairing.values()) {
        trials.add(Trial.lockstep(pairing, blockSize));
      }
    }
    trials.add(
        new Trial(Pairing.OURS_FROM_OURS, settings.windowBlockSize(), settings.windowSize()));
    if (settings.only() != null) {
      trials.removeIf(trial -> !trial.toString().contains(settings.only()));
    }
    return trials;
  }

  private Recording startRecording() throws IOException {
    if (settings.jfr() == null) {
      return null;
    }
    try {
      Recording recording = new Recording(Configuration.getConfiguration("profile"));
      recording.start();
      return recording;
    } catch (ParseException e) {
      throw new IOException("JFR's profile configuration does not parse", e);
    }
  }

  /** Runs one transfer of {@code trial} and checks the copy. */
  private Sample transfer(Trial trial) throws IOException {
    Path copy = outputs.resolve(FILE);
    Files.deleteIfExists(copy);
    tftpd.awaitIdle();
    long tftpdBefore = tftpd.cpuNanos();
    long curlBefore = ProcStat.reapedChildrenCpuNanos();
    long jvmBefore = ProcStat.jvmCpuNanos();
    long started = System.nanoTime();
    if (trial.pairing().ourClient()) {
      ourClient(trial, copy);
    } else {
      curl(trial, copy);
    }
    long wall = System.nanoTime() - started;
    long jvm = ProcStat.jvmCpuNanos() - jvmBefore;
    long curl = ProcStat.reapedChildrenCpuNanos() - curlBefore;
    tftpd.awaitIdle();
    long daemon = tftpdBefore < 0 ? -1 : tftpd.cpuNanos() - tftpdBefore;
    check(trial, copy);
    return new Sample(
        wall,
        jvm,
        trial.pairing().ourClient() ? 0 : curl,
        trial.pairing().ourServer() ? 0 : daemon);
  }

  private InetSocketAddress server(Trial trial) {
    return trial.pairing().ourServer() ? ours.address() : tftpd.address();
  }

  /** Our client as a user's code runs it: {@code read} into a file's output stream. */
  private void ourClient(Trial trial, Path copy) throws IOException {
    TftpClient client =
        TftpClient.builder().blockSize(trial.blockSize()).windowSize(trial.windowSize()).build();
    try (OutputStream file = Files.newOutputStream(copy)) {
      client.read(server(trial), FILE, TftpMode.OCTET, file);
    }
  }

  private void curl(Trial trial, Path copy) throws IOException {
    InetSocketAddress server = server(trial);
    ProcessPeer.Finished curl;
    try {
      curl =
          ProcessPeer.run(
              CURL_TIMEOUT,
              work,
              List.of(
                  CURL.toString(),
                  "--silent",
                  "--show-error",
                  "--tftp-blksize",
                  Integer.toString(trial.blockSize()),
                  "-o",
                  copy.toAbsolutePath().toString(),
                  "tftp://" + server.getHostString() + ":" + server.getPort() + "/" + FILE));
    } catch (IllegalStateException e) {
      // ProcessPeer.run has killed it.
      TransferCheckException failure =
          new TransferCheckException(
              trial, "curl did not finish within " + CURL_TIMEOUT.toSeconds() + " s");
      failure.initCause(e);
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("Interrupted while curl ran");
      interrupted.initCause(e);
      throw interrupted;
    }
    if (curl.exitCode() != 0) {
      throw new TransferCheckException(
          trial, "curl exited with " + curl.exitCode() + ": " + curl.output().trim());
    }
  }

  private void check(Trial trial, Path copy) throws IOException {
    MessageDigest digest = sha256();
    long bytes = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(copy)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
        bytes += n;
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      throw new TransferCheckException(trial, sha256, actual, bytes);
    }
    Files.delete(copy);
  }

  /** Writes {@code size} random bytes (a fixed seed) and returns their SHA-256. */
  private static String writeRandomFile(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(16);
    MessageDigest digest = sha256();
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(chunk.length, left);
        for (int i = 0; i < n; i += 8) {
          long value = random.nextLong();
          for (int j = i; j < Math.min(n, i + 8); j++) {
            chunk[j] = (byte) (value >>> (8 * (j - i)));
          }
        }
        out.write(chunk, 0, n);
        digest.update(chunk, 0, n);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
