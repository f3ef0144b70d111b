package io.patchbay.transport.tftp;

import java.util.concurrent.Semaphore;

/**
 * Decides whether a lockstep wait for the peer's answer (the next DATA after an ACK, or the ACK of
 * a DATA) polls the socket for a while before the thread sleeps. On loopback or a fast LAN the
 * answer comes within tens of microseconds, and waking a sleeping thread costs about as much again
 * on both sides of every block; polling saves this side's wake-up. It is bounded three ways, so
 * that a slow peer, a lost block or a busy gateway costs little CPU:
 *
 * <ul>
 *   <li>only while the peer's recent answers came within {@link #LIMIT_NANOS} (a moving average, so
 *       one slow answer, such as a retransmission after a loss, stops the polling at once);
 *   <li>for twice that average at most, and never longer than {@link #LIMIT_NANOS};
 *   <li>by at most half the processors' threads at once, JVM-wide: a wait that finds no {@linkplain
 *       #tryPoll() permit} sleeps at once, as every wait did before.
 * </ul>
 *
 * <p>One per conversation, confined to its thread; the permits are shared.
 */
final class AnswerPoll {

  /** Peers slower than this, on average, are waited for asleep; also the longest poll. */
  static final long LIMIT_NANOS = 100_000;

  /** How many threads poll at once, at most, in this JVM. */
  static final int POLLERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  private static final Semaphore PERMITS = new Semaphore(POLLERS);

  /** Nothing measured yet: the first answers are waited for asleep. */
  private static final long UNKNOWN = -1;

  private final Semaphore permits;
  private long average = UNKNOWN;

  AnswerPoll() {
    this(PERMITS);
  }

  /** A poll drawing on {@code permits}: for tests, which must not share the JVM's. */
  AnswerPoll(Semaphore permits) {
    this.permits = permits;
  }

  /**
   * How long the next wait may poll, in nanoseconds, with a permit taken that {@link #polled()}
   * must return; 0 if it should sleep at once (no permit is taken then).
   */
  long tryPoll() {
    if (average == UNKNOWN || average >= LIMIT_NANOS || !permits.tryAcquire()) {
      return 0;
    }
    return Math.min(LIMIT_NANOS, 2 * average);
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
