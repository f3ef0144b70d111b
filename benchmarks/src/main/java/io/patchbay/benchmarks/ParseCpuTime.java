package io.patchbay.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link ParseBenchmark}'s sides by process CPU time, which a loaded machine disturbs less than
 * wall time: the token loop, our readers' bare walk and our reader take turns over the same
 * document in one JVM, each operation after a {@code System.gc()} outside the measurement, and the
 * medians are printed with the token loop's divided by each. CPU time counts every thread, the
 * collector's included. Run with the benchmarks jar on the class path: {@code java -Xmx3g -cp
 * benchmarks.jar io.patchbay.benchmarks.ParseCpuTime CATALOG 100000 15}.
 */
public final class ParseCpuTime {

  private static final int WARM_UP = 5;

  /**
   * Keeps each result reachable until the next, so that no read is optimised away: written, never
   * read, on purpose.
   */
  @SuppressWarnings("UnusedVariable")
  private static Object result;

  private ParseCpuTime() {}

  /**
   * Runs the comparison; arguments: {@code MANIFEST} or {@code CATALOG}, the entries, the rounds.
   *
   * @throws IOException never, as the document is in memory
   */
  public static void main(String[] args) throws IOException {
    ParseBenchmark benchmark = new ParseBenchmark();
    benchmark.document = ParseBenchmark.Document.valueOf(args[0]);
    benchmark.size = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (heap.getInit() < heap.getMax()
        || !Boolean.parseBoolean(vm.getVMOption("AlwaysPreTouch").getValue())) {
      System.err.println(
          "Warning: the heap is not fixed (run with -Xms equal to -Xmx and -XX:+AlwaysPreTouch);"
              + " fresh pages are charged to the sides that keep what they read");
    }
    benchmark.setUp();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Side> sides =
        List.of(benchmark::jacksonTokens, benchmark::readerWalk, benchmark::patchbay);
    for (int i = 0; i < WARM_UP; i++) {
      for (Side side : sides) {
        result = side.read();
      }
    }
    long[][] cpu = new long[sides.size()][rounds];
    long[][] wall = new long[sides.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      // Which side goes first rotates, so that none is always first after the warm-up.
      for (int turn = 0; turn < sides.size(); turn++) {
        int side = (turn + round) % sides.size();
        result = null;
        System.gc();
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        result = sides.get(side).read();
        cpu[side][round] = os.getProcessCpuTime() - cpuStart;
        wall[side][round] = System.nanoTime() - wallStart;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s %d: CPU %s; wall %s%n",
        benchmark.document,
        benchmark.size,
        sides(cpu),
        sides(wall));
  }

  /** One side of the comparison: a read of the document. */
  @FunctionalInterface
  private interface Side {
    Object read() throws IOException;
  }

  /** The three sides' medians, and the token loop's divided by each of the others'. */
  private static String sides(long[][] times) {
    double tokens = median(times[0]);
    double walk = median(times[1]);
    double patchbay = median(times[2]);
    return String.format(
        Locale.ROOT,
        "token loop %.0f ms, reader walk %.0f ms (ratio %.2f), patchbay %.0f ms, ratio %.2f",
        tokens / 1e6,
        walk / 1e6,
        tokens / walk,
        patchbay / 1e6,
        tokens / patchbay);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
