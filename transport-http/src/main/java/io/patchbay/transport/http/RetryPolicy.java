package io.patchbay.transport.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When failed requests are tried again: connection failures, {@code 5xx} and {@code 429} are
 * transient and retried; other {@code 4xx} are not. Waits grow exponentially with full jitter (a
 * random wait between zero and the exponential bound), so a fleet of gateways does not retry in
 * lock step; a server's {@code Retry-After} is honoured up to {@link #maxRetryAfter()}. Immutable;
 * build with {@link #builder()}, start from {@link #defaults()}.
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.maxRetryAfter = builder.maxRetryAfter;
  }

  /**
   * Four attempts, waits bounded by 0.5 s, 1 s, 2 s, at most 30 s, {@code Retry-After} up to 2
   * minutes.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults; {@code maxAttempts(1)} sends every request once. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many times a request is sent at most, including the first. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The bound of the first wait; each further wait's bound doubles. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The largest bound of any wait. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The longest {@code Retry-After} honoured; a longer one fails the request. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed.
   */
  Duration backoff(int attempt) {
    long bound = initialBackoff.toNanos() << Math.min(attempt - 1, 30);
    if (bound <= 0 || bound > maxBackoff.toNanos()) {
      bound = maxBackoff.toNanos();
    }
    return bound == 0
        ? Duration.ZERO
        : Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound + 1));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + "]";
  }

  /** Builds a {@link RetryPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofMinutes(2);

    private Builder() {}

    /** See {@link RetryPolicy#maxAttempts()}; defaults to 4. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /** See {@link RetryPolicy#initialBackoff()}; defaults to 0.5 s. */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = Objects.requireNonNull(backoff);
      return this;
    }

    /** See {@link RetryPolicy#maxBackoff()}; defaults to 30 s. */
    public Builder maxBackoff(Duration backoff) {
      this.maxBackoff = Objects.requireNonNull(backoff);
      return this;
    }

    /** See {@link RetryPolicy#maxRetryAfter()}; defaults to 2 minutes. */
    public Builder maxRetryAfter(Duration limit) {
      this.maxRetryAfter = Objects.requireNonNull(limit);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException if there is not at least one attempt or a duration is
     *     negative
     */
    public RetryPolicy build() {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException(
            "Backoff durations must not be negative: "
                + initialBackoff
                + ", "
                + maxBackoff
                + ", "
                + maxRetryAfter);
      }
      return new RetryPolicy(this);
    }
  }
}
