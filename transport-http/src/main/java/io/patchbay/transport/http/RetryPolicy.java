package io.patchbay.transport.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When failed requests are tried again: connection failures, {@code 5xx} and {@code 429} are
 * transient and retried; other {@code 4xx} are not. Waits grow exponentially with full jitter
 * (a random wait between zero and the exponential bound), so a fleet of gateways does not retry
 * in lock step; a server's {@code Retry-After} is honoured up to {@code maxRetryAfter}.
 *
 * @param maxAttempts how many times a request is sent at most, including the first
 * @param initialBackoff the bound of the first wait
 * @param maxBackoff the largest bound of any wait
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer ones fail the request
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if there is not at least one attempt or a duration is
   *     negative
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("Backoff durations must not be negative");
    }
  }

  /** Four attempts, waits bounded by 0.5 s, 1 s, 2 s, at most 30 s, {@code Retry-After} up to 2 minutes. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  /** Sends every request once. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed. */
  Duration backoff(int attempt) {
    long bound = initialBackoff.toNanos() << Math.min(attempt - 1, 30);
    if (bound <= 0 || bound > maxBackoff.toNanos()) {
      bound = maxBackoff.toNanos();
    }
    return bound == 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound + 1));
  }
}
