package io.patchbay.testkit;

import io.patchbay.update.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told, with a {@link Sleeper} that moves it instead of sleeping: for
 * tests of maintenance windows, bandwidth budgets, backoff and settle delays that take no real
 * time.
 *
 * <p>A sleep of {@code d} begun at {@code t} moves the clock to {@code t + d} unless it is later
 * already, the way concurrent sleeps overlap on a real clock. Thread-safe.
 */
public final class ManualClock extends Clock {

  private final ZoneId zone;
  private Instant now;
  private Duration slept = Duration.ZERO;

  /** A clock at {@code start}, in UTC. */
  public ManualClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private ManualClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start);
    this.zone = zone;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in another zone; it shares this clock's time. */
  @Override
  public Clock withZone(ZoneId zone) {
    ManualClock parent = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return parent.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return parent.withZone(other);
      }
    };
  }

  /** Moves the clock forward by {@code duration}. */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** The total of every sleep asked of {@link #sleeper()}. */
  public synchronized Duration slept() {
    return slept;
  }

  /** A sleeper that moves this clock instead of sleeping; it still honours interruption. */
  public Sleeper sleeper() {
    return duration -> {
      if (Thread.interrupted()) {
        throw new InterruptedException("Interrupted before sleeping " + duration);
      }
      if (duration.isNegative() || duration.isZero()) {
        return;
      }
      synchronized (this) {
        slept = slept.plus(duration);
        Instant target = now.plus(duration);
        if (target.isAfter(now)) {
          now = target;
        }
      }
    };
  }
}
