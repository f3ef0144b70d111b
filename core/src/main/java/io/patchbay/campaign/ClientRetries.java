package io.patchbay.campaign;

import java.time.Duration;

/**
 * How often a campaign tries a client that failed, and how long it waits in between: the backoff
 * doubles from {@code initialBackoff} up to {@code maxBackoff}. A client whose failure is permanent
 * (its plan failed, for instance an invalid version it reports) is not retried.
 *
 * @param maxAttempts attempts per client, at least 1
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff the longest wait
 */
public record ClientRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** One attempt, no retry. */
  public static final ClientRetries NONE = new ClientRetries(1, Duration.ZERO, Duration.ZERO);

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException if attempts are below 1 or a duration is negative
   */
  public ClientRetries {
    if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "Retries need at least 1 attempt and non-negative backoff: "
              + maxAttempts
              + ", "
              + initialBackoff
              + ", "
              + maxBackoff);
    }
  }

  /** The wait after failed attempt number {@code attempt} (from 1). */
  Duration backoffAfter(int attempt) {
    Duration backoff = initialBackoff;
    for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }
}
