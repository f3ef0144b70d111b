package io.patchbay.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.OperatingSystemMXBean;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
  private static final JsonFactory TOKENS = new JsonFactory();

  /** Keeps each result reachable until the next, so that no read is optimised away. */
  private static Object result;

  private ParseCpuTime() {}

  /**
   * Runs the comparison; arguments: {@code MANIFEST} or {@code CATALOG}, the entries, the rounds.
   *
   * @throws IOException never, as the document is in memory
   */
  public static void main(String[] args) throws IOException {
    ParseBenchmark.Document document = ParseBenchmark.Document.valueOf(args[0]);
    int size = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    PlanFixture fixture =
        PlanFixture.generate(size, ChangeRate.FEW, ClientOrder.SHUFFLED, PlanFixture.SEED);
    byte[] bytes =
        document == ParseBenchmark.Document.MANIFEST
            ? fixture.manifestJson()
            : fixture.catalogJson();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < WARM_UP; i++) {
      result = tokens(bytes);
      result = ours(bytes, document);
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
        result = side == 0 ? tokens(bytes) : ours(bytes, document);
        cpu[side][round] = os.getProcessCpuTime() - cpuStart;
        wall[side][round] = System.nanoTime() - wallStart;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s %d (%s): CPU token loop %.0f ms, patchbay %.0f ms, ratio %.2f;"
            + " wall token loop %.0f ms, patchbay %.0f ms, ratio %.2f%n",
        document,
        size,
        result.getClass().getSimpleName(),
        median(cpu[0]) / 1e6,
        median(cpu[1]) / 1e6,
        median(cpu[0]) / median(cpu[1]),
        median(wall[0]) / 1e6,
        median(wall[1]) / 1e6,
        median(wall[0]) / median(wall[1]));
  }

  private static Object ours(byte[] bytes, ParseBenchmark.Document document) throws IOException {
    return document == ParseBenchmark.Document.MANIFEST
        ? ManifestJson.read(new ByteArrayInputStream(bytes))
        : CatalogJson.read(new ByteArrayInputStream(bytes));
  }

  /** {@link ParseBenchmark#jacksonTokens()}'s loop. */
  private static long tokens(byte[] bytes) throws IOException {
    long characters = 0;
    try (JsonParser parser = TOKENS.createParser(new ByteArrayInputStream(bytes))) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isScalarValue()) {
          characters += parser.getText().length();
        }
      }
    }
    return characters;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
