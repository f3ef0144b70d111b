package io.patchbay.benchmarks.tftp;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Prints a harness run: each transfer, then (unless a smoke run) a Markdown table of the medians
 * and one of the ratios against issue 16's targets, ready for {@code BENCHMARKS.md}.
 */
final class HarnessReport {

  private static final double CLIENT_TARGET = 1.0;
  private static final double SERVER_TARGET = 1.0;
  private static final double WINDOW_TARGET = 2.0;

  private final HarnessResults results;
  private final PrintStream out;

  HarnessReport(HarnessResults results, PrintStream out) {
    this.results = results;
    this.out = out;
  }

  /** One transfer: wall time and each process's CPU time. */
  static String line(Trial trial, Sample sample) {
    return String.format(
        Locale.ROOT,
        "%-38s %8s wall, CPU: JVM %s, curl %s, tftpd-hpa %s; sha-256 ok",
        trial,
        seconds((double) sample.wallNanos()),
        seconds((double) sample.jvmCpuNanos()),
        seconds((double) sample.curlCpuNanos()),
        seconds((double) sample.tftpdCpuNanos()));
  }

  /** A byte count as MiB or KiB. */
  static String size(long bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0
        ? (bytes >> 20) + " MiB"
        : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
  }

  void print() {
    HarnessSettings settings = results.settings();
    double[] load = results.loadRange();
    if (settings.smoke()) {
      out.printf(
          "smoke: %d transfers, every copy's sha-256 matched (no figures: one tiny run each)%n",
          results.checkedTransfers());
      return;
    }
    out.printf(
        "%nmedians of %d runs, %s, 1-minute load %.2f-%.2f (ours timed in process after %d"
            + " warm-up rounds; curl as a whole process)%n",
        settings.runs(), size(settings.size()), load[0], load[1], settings.warmups());
    out.println(
        "| client <- server | blksize | window | wall | JVM CPU | curl CPU | tftpd-hpa CPU |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Trial trial : results.trials()) {
      out.printf(
          "| %s | %d | %d | %s | %s | %s | %s |%n",
          trial.pairing().label(),
          trial.blockSize(),
          trial.windowSize(),
          seconds(results.median(trial, Sample::wallNanos)),
          seconds(results.median(trial, Sample::jvmCpuNanos)),
          seconds(results.median(trial, Sample::curlCpuNanos)),
          seconds(results.median(trial, Sample::tftpdCpuNanos)));
    }
    out.println();
    out.println(
        "| target | baseline | ours | wall: ratio of medians (median of round ratios) | CPU ratio"
            + " | met (wall) |");
    out.println("|---|---|---|---:|---:|---|");
    for (int blockSize : settings.blockSizes()) {
      Trial curl = Trial.lockstep(Pairing.CURL_FROM_TFTPD, blockSize);
      target(
          "client >= " + CLIENT_TARGET + "x curl, blksize " + blockSize,
          curl,
          Trial.lockstep(Pairing.OURS_FROM_TFTPD, blockSize),
          Sample::curlCpuNanos,
          Sample::jvmCpuNanos,
          CLIENT_TARGET);
      target(
          "server >= " + SERVER_TARGET + "x tftpd-hpa, blksize " + blockSize,
          curl,
          Trial.lockstep(Pairing.CURL_FROM_OURS, blockSize),
          Sample::tftpdCpuNanos,
          Sample::jvmCpuNanos,
          SERVER_TARGET);
    }
    if (settings.blockSizes().contains(HarnessSettings.LOCKSTEP_REFERENCE)) {
      Trial best =
          results.trials().stream()
              .filter(t -> t.lockstep() && t.blockSize() == HarnessSettings.LOCKSTEP_REFERENCE)
              .min(Comparator.comparingDouble(t -> results.median(t, Sample::wallNanos)))
              .orElse(null);
      Trial windowed =
          new Trial(Pairing.OURS_FROM_OURS, settings.windowBlockSize(), settings.windowSize());
      target(
          "window "
              + settings.windowSize()
              + " x "
              + settings.windowBlockSize()
              + " >= "
              + WINDOW_TARGET
              + "x best lockstep at "
              + HarnessSettings.LOCKSTEP_REFERENCE,
          best,
          windowed,
          Sample::totalCpuNanos,
          Sample::totalCpuNanos,
          WINDOW_TARGET);
    }
  }

  private void target(
      String name,
      Trial baseline,
      Trial ours,
      ToLongFunction<Sample> baselineCpu,
      ToLongFunction<Sample> ourCpu,
      double target) {
    if (baseline == null
        || !results.trials().contains(baseline)
        || !results.trials().contains(ours)) {
      return;
    }
    double wall =
        results.median(baseline, Sample::wallNanos) / results.median(ours, Sample::wallNanos);
    double rounds = results.medianOfRoundRatios(baseline, ours, Sample::wallNanos);
    double cpu = results.median(baseline, baselineCpu) / results.median(ours, ourCpu);
    out.printf(
        Locale.ROOT,
        "| %s | %s | %s | %.2fx (%.2fx) | %s | %s |%n",
        name,
        baseline,
        ours,
        wall,
        rounds,
        cpu < 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", cpu),
        wall >= target ? "yes" : "no");
  }

  private static String seconds(double nanos) {
    if (nanos < 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }
}
