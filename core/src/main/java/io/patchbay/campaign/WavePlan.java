package io.patchbay.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * How a campaign splits its clients into waves and judges each: a canary wave first (a number of
 * clients, or a percentage of the fleet), then waves that each grow by {@code growth} until every
 * client is covered. After a wave, an error ratio above {@code errorLimit} halts the campaign, and
 * so does a success ratio below {@code successThreshold}; no client of the next wave is touched.
 * While a wave runs, it starts no further client once its failures alone exceed the error limit;
 * clients already running finish.
 *
 * @param canaryClients the canary's size in clients, or 0 to use {@code canaryPercent}
 * @param canaryPercent the canary's size as a percentage of the fleet (rounded up), used when
 *     {@code canaryClients} is 0
 * @param growth how much larger each wave is than the one before, at least 1
 * @param successThreshold the share of a wave's clients (0 to 1) that must succeed for it to pass
 * @param errorLimit the share of a wave's clients (0 to 1) whose failure halts the campaign when
 *     exceeded
 */
public record WavePlan(int canaryClients, double canaryPercent, double growth, double successThreshold, double errorLimit) {

  /**
   * Validates the plan.
   *
   * @throws IllegalArgumentException if a value is out of its range, or neither or both canary
   *     sizes are set
   */
  public WavePlan {
    if (canaryClients < 0 || (canaryClients > 0) == (canaryPercent > 0) || canaryPercent < 0 || canaryPercent > 100) {
      throw new IllegalArgumentException("Give the canary as clients (at least 1) or as a percentage (0 to 100], not both: "
          + canaryClients + ", " + canaryPercent);
    }
    if (!(growth >= 1) || growth > 1000) {
      throw new IllegalArgumentException("growth must be between 1 and 1000: " + growth);
    }
    if (!(successThreshold >= 0 && successThreshold <= 1) || !(errorLimit >= 0 && errorLimit <= 1)) {
      throw new IllegalArgumentException("successThreshold and errorLimit are ratios from 0 to 1: "
          + successThreshold + ", " + errorLimit);
    }
  }

  /** A canary of {@code clients}, then waves doubling in size; 95% must succeed, over 5% failing halts. */
  public static WavePlan canary(int clients) {
    return new WavePlan(clients, 0, 2, 0.95, 0.05);
  }

  /** A canary of {@code percent} of the fleet, then as {@link #canary(int)}. */
  public static WavePlan canaryPercent(double percent) {
    return new WavePlan(0, percent, 2, 0.95, 0.05);
  }

  /** Every client in one wave, which must succeed entirely. */
  public static WavePlan allAtOnce() {
    return new WavePlan(0, 100, 1, 1, 0);
  }

  /** This plan with waves growing by {@code factor}. */
  public WavePlan withGrowth(double factor) {
    return new WavePlan(canaryClients, canaryPercent, factor, successThreshold, errorLimit);
  }

  /** This plan with a success threshold of {@code ratio}. */
  public WavePlan withSuccessThreshold(double ratio) {
    return new WavePlan(canaryClients, canaryPercent, growth, ratio, errorLimit);
  }

  /** This plan with an error limit of {@code ratio}. */
  public WavePlan withErrorLimit(double ratio) {
    return new WavePlan(canaryClients, canaryPercent, growth, successThreshold, ratio);
  }

  /** The sizes of the waves for a fleet of {@code clients}, canary first; they add up to {@code clients}. */
  public List<Integer> sizes(int clients) {
    List<Integer> sizes = new ArrayList<>();
    int canary = canaryClients > 0 ? canaryClients : (int) Math.ceil(clients * canaryPercent / 100);
    int remaining = clients;
    long next = Math.max(1, canary);
    while (remaining > 0) {
      int size = (int) Math.min(remaining, next);
      sizes.add(size);
      remaining -= size;
      next = growth == 1 ? next : Math.max(next + 1, (long) Math.ceil(next * growth));
    }
    return sizes;
  }

  /** Tells whether a wave of {@code size} clients has failed too many already to pass. */
  boolean exceedsErrorLimit(int failed, int size) {
    return failed > errorLimit * size;
  }
}
