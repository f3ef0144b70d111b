package io.patchbay.benchmarks.tftp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The samples of one harness run, by trial in round order, and the load average seen. */
final class HarnessResults {

  private final HarnessSettings settings;
  private final Map<Trial, List<Sample>> samples = new LinkedHashMap<>();
  private final List<Double> loads = new ArrayList<>();

  HarnessResults(HarnessSettings settings, List<Trial> trials) {
    this.settings = settings;
    trials.forEach(trial -> samples.put(trial, new ArrayList<>()));
  }

  void add(Trial trial, Sample sample) {
    samples.get(trial).add(sample);
  }

  void load(double oneMinute) {
    loads.add(oneMinute);
  }

  HarnessSettings settings() {
    return settings;
  }

  /** Every trial, in the order of the first round. */
  List<Trial> trials() {
    return List.copyOf(samples.keySet());
  }

  /** The trial's samples, one a round. */
  List<Sample> samples(Trial trial) {
    return List.copyOf(samples.get(trial));
  }

  /** How many timed transfers ran, each checked by its SHA-256. */
  int checkedTransfers() {
    return samples.values().stream().mapToInt(List::size).sum();
  }

  /** The lowest and highest 1-minute load average seen, at the start of every round and the end. */
  double[] loadRange() {
    return new double[] {
      loads.stream().min(Comparator.naturalOrder()).orElse(Double.NaN),
      loads.stream().max(Comparator.naturalOrder()).orElse(Double.NaN)
    };
  }

  /** The median of {@code metric} over the trial's rounds (the mean of the middle two if even). */
  double median(Trial trial, ToLongFunction<Sample> metric) {
    return median(samples.get(trial).stream().mapToDouble(metric::applyAsLong).sorted().toArray());
  }

  /**
   * The median over the rounds of each round's {@code metric} of {@code baseline} divided by that
   * of {@code side}: above 1 means {@code side} took less.
   */
  double medianOfRoundRatios(Trial baseline, Trial side, ToLongFunction<Sample> metric) {
    List<Sample> base = samples.get(baseline);
    List<Sample> ours = samples.get(side);
    double[] ratios = new double[Math.min(base.size(), ours.size())];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] =
          (double) metric.applyAsLong(base.get(i)) / Math.max(1, metric.applyAsLong(ours.get(i)));
    }
    Arrays.sort(ratios);
    return median(ratios);
  }

  private static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
