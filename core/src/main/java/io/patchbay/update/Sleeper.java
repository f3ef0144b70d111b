package io.patchbay.update;

import java.time.Duration;

/**
 * Waits for a while: the one place where Patchbay's waiting (confirmation settle delays, retry
 * backoff, bandwidth shaping, maintenance windows) passes, so that tests can replace real sleeping
 * with a clock they advance.
 *
 * <p>Implementations are thread-safe and honour interruption.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps with {@link Thread#sleep(long, int)}. */
  Sleeper SYSTEM =
      duration -> {
        if (duration.isNegative() || duration.isZero()) {
          return;
        }
        long nanos = duration.toNanos();
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      };

  /**
   * Returns after {@code duration} has passed; returns at once for a zero or negative duration.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
