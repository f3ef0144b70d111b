package io.patchbay.transport.tftp;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Decides whether a lockstep wait for the peer's answer (the next DATA after an ACK, or the ACK of
 * a DATA) polls the socket for a while before the thread sleeps. On loopback or a fast LAN the
 * answer comes within tens of microseconds, and waking a sleeping thread costs about as much again
 * on both sides of every block; polling saves this side's wake-up. It is bounded three ways, so
 * that a slow peer, a lost block or a busy gateway costs little CPU:
 *
 * <ul>
 *   <li>only while the peer's recent answers came within the limit ({@link #DEFAULT_LIMIT} unless
 *       configured; a moving average, so one slow answer, such as a retransmission after a loss,
 *       stops the polling at once);
 *   <li>for twice that average at most, and never longer than the limit;
 *   <li>by at most half the processors' threads at once, JVM-wide, and none on one processor (the
 *       peer may need it to answer): a wait that finds no {@linkplain #tryPoll() permit} sleeps at
 *       once, as every wait did before.
 * </ul>
 *
 * <p>One per conversation, confined to its thread; the permits are shared.
 */
final class AnswerPoll {

  /** The default limit: peers slower than this, on average, are waited for asleep. */
  static final Duration DEFAULT_LIMIT = Duration.ofNanos(100_000);

  /** The longest limit that may be configured. */
  static final Duration MAX_LIMIT = Duration.ofMillis(1);

  /** How many threads poll at once, at most, in this JVM. */
  static final int POLLERS = Runtime.getRuntime().availableProcessors() / 2;

  private static final Semaphore PERMITS = new Semaphore(POLLERS);

  /** Nothing measured yet: the first answers are waited for asleep. */
  private static final long UNKNOWN = -1;

  private final long limitNanos;
  private final Semaphore permits;
  private long average = UNKNOWN;

  /** A poll within {@code limit} ({@linkplain #requireLimit checked}); zero never polls. */
  AnswerPoll(Duration limit) {
    this(limit, PERMITS);
  }

  /** A poll drawing on {@code permits}: for tests, which must not share the JVM's. */
  AnswerPoll(Duration limit, Semaphore permits) {
    this.limitNanos = limit.toNanos();
    this.permits = permits;
  }

  /**
   * Returns {@code limit} if it is zero (no polling) to {@link #MAX_LIMIT}.
   *
   * @throws IllegalArgumentException if it is not
   */
  static Duration requireLimit(Duration limit) {
    if (limit.isNegative() || limit.compareTo(MAX_LIMIT) > 0) {
      throw new IllegalArgumentException("Answer poll limit must be 0 to 1 ms: " + limit);
    }
    return limit;
  }

  /**
   * How long the next wait may poll, in nanoseconds, with a permit taken that {@link #polled()}
   * must return; 0 if it should sleep at once (no permit is taken then).
   */
  long tryPoll() {
    if (average == UNKNOWN || average >= limitNanos || !permits.tryAcquire()) {
      return 0;
    }
    // At least a nanosecond: 0 would say that no permit was taken.
    return Math.max(1, Math.min(limitNanos, 2 * average));
  }

  /** Returns the permit {@link #tryPoll()} took, once the poll has ended either way. */
  void polled() {
    permits.release();
  }

  /** The answer to the last wait came {@code nanos} after the wait began. */
  void answered(long nanos) {
    long sample = Math.max(0, nanos);
    // A slow answer counts at once in full, so that polling stops; fast ones pull the average
    // down by an eighth of the difference each.
    average = average == UNKNOWN || sample > average ? sample : average + (sample - average) / 8;
  }
}
