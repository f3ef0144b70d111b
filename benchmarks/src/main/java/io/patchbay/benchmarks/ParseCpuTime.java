package io.patchbay.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link ParseBenchmark}'s two sides by process CPU time, which a loaded machine disturbs less than
 * wall time: the token loop and our reader alternate over the same document in one JVM, each
 * operation after a {@code System.gc()} outside the measurement, and the medians are printed with
 * their ratio. CPU time counts every thread, the collector's included. Run with the benchmarks jar
 * on the class path: {@code java -Xmx3g -cp benchmarks.jar io.patchbay.benchmarks.ParseCpuTime
 * CATALOG 100000 15}.
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
              + " fresh pages are charged to patchbay's side");
    }
    benchmark.setUp();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < WARM_UP; i++) {
      result = benchmark.jacksonTokens();
      result = benchmark.patchbay();
    }
    long[][] cpu = new long[2][rounds];
    long[][] wall = new long[2][rounds];
    for (int round = 0; round < rounds; round++) {
      // Which side goes first alternates, so that neither always runs on the other's heap.
      for (int turn = 0; turn < 2; turn++) {
        int side = (turn + round) % 2;
        result = null;
        System.gc();
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        result = side == 0 ? benchmark.jacksonTokens() : benchmark.patchbay();
        cpu[side][round] = os.getProcessCpuTime() - cpuStart;
        wall[side][round] = System.nanoTime() - wallStart;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s %d: CPU token loop %.0f ms, patchbay %.0f ms, ratio %.2f;"
            + " wall token loop %.0f ms, patchbay %.0f ms, ratio %.2f%n",
        benchmark.document,
        benchmark.size,
        median(cpu[0]) / 1e6,
        median(cpu[1]) / 1e6,
        median(cpu[0]) / median(cpu[1]),
        median(wall[0]) / 1e6,
        median(wall[1]) / 1e6,
        median(wall[0]) / median(wall[1]));
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
