package io.patchbay.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * How a campaign splits its clients into waves and judges each: a canary wave first (a number of
 * clients, or a percentage of the fleet), then waves that each grow by {@link #growth()} until
 * every client is covered. After a wave, an error ratio above {@link #errorLimit()} halts the
 * campaign, and so does a success ratio below {@link #successThreshold()}; no client of the next
 * wave is touched. While a wave runs, it starts no further client once its failures alone exceed
 * the error limit; clients already running finish. Immutable; build with {@link #builder()}, start
 * from {@link #defaults()}.
 */
public final class WavePlan {

  private static final WavePlan DEFAULTS = builder().build();

  private final int canaryClients;
  private final double canaryPercent;
  private final double growth;
  private final double successThreshold;
  private final double errorLimit;

  private WavePlan(Builder builder) {
    this.canaryClients = builder.canaryClients;
    this.canaryPercent = builder.canaryPercent;
    this.growth = builder.growth;
    this.successThreshold = builder.successThreshold;
    this.errorLimit = builder.errorLimit;
  }

  /**
   * A canary of one client, then waves doubling in size; 95% must succeed, over 5% failing halts.
   */
  public static WavePlan defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The canary's size in clients, or 0 when it is given by {@link #canaryPercent()}. */
  public int canaryClients() {
    return canaryClients;
  }

  /**
   * The canary's size as a percentage of the fleet (rounded up), or 0 when it is given by {@link
   * #canaryClients()}.
   */
  public double canaryPercent() {
    return canaryPercent;
  }

  /** How much larger each wave is than the one before, at least 1. */
  public double growth() {
    return growth;
  }

  /** The share of a wave's clients (0 to 1) that must succeed for it to pass. */
  public double successThreshold() {
    return successThreshold;
  }

  /** The share of a wave's clients (0 to 1) whose failure halts the campaign when exceeded. */
  public double errorLimit() {
    return errorLimit;
  }

  /**
   * The sizes of the waves for a fleet of {@code clients}, canary first; they add up to {@code
   * clients}.
   */
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

  /** The most failures a wave of {@code size} clients may have without exceeding the limit. */
  int maxFailures(int size) {
    return (int) Math.floor(errorLimit * size);
  }

  @Override
  public String toString() {
    return "WavePlan[canaryClients="
        + canaryClients
        + ", canaryPercent="
        + canaryPercent
        + ", growth="
        + growth
        + ", successThreshold="
        + successThreshold
        + ", errorLimit="
        + errorLimit
        + "]";
  }

  /** Builds a {@link WavePlan}; not thread-safe. */
  public static final class Builder {
    private int canaryClients = 1;
    private double canaryPercent;
    private double growth = 2;
    private double successThreshold = 0.95;
    private double errorLimit = 0.05;

    private Builder() {}

    /**
     * See {@link WavePlan#canaryClients()}; at least 1, defaults to 1. Replaces a canary given as a
     * percentage.
     */
    public Builder canaryClients(int clients) {
      this.canaryClients = clients;
      this.canaryPercent = 0;
      return this;
    }

    /**
     * See {@link WavePlan#canaryPercent()}; more than 0 and at most 100, where 100 puts every
     * client in one wave. Replaces a canary given in clients.
     */
    public Builder canaryPercent(double percent) {
      this.canaryPercent = percent;
      this.canaryClients = 0;
      return this;
    }

    /** See {@link WavePlan#growth()}; 1 to 1000, defaults to 2. */
    public Builder growth(double factor) {
      this.growth = factor;
      return this;
    }

    /** See {@link WavePlan#successThreshold()}; defaults to 0.95. */
    public Builder successThreshold(double ratio) {
      this.successThreshold = ratio;
      return this;
    }

    /** See {@link WavePlan#errorLimit()}; defaults to 0.05. */
    public Builder errorLimit(double ratio) {
      this.errorLimit = ratio;
      return this;
    }

    /**
     * Builds the plan.
     *
     * @throws IllegalArgumentException if a value is out of its range
     */
    public WavePlan build() {
      if (canaryClients < 0
          || (canaryClients > 0) == (canaryPercent > 0)
          || canaryPercent < 0
          || canaryPercent > 100) {
        throw new IllegalArgumentException(
            "Give the canary as clients (at least 1) or as a percentage (0 to 100]: "
                + canaryClients
                + ", "
                + canaryPercent);
      }
      if (!(growth >= 1) || growth > 1000) {
        throw new IllegalArgumentException("growth must be between 1 and 1000: " + growth);
      }
      if (!(successThreshold >= 0 && successThreshold <= 1)
          || !(errorLimit >= 0 && errorLimit <= 1)) {
        throw new IllegalArgumentException(
            "successThreshold and errorLimit are ratios from 0 to 1: "
                + successThreshold
                + ", "
                + errorLimit);
      }
      return new WavePlan(this);
    }
  }
}
