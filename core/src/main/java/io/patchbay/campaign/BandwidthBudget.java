package io.patchbay.campaign;

import io.patchbay.update.Sleeper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A LAN bandwidth budget in bytes per second shared by every transfer of a campaign: a token bucket
 * the bytes of each transfer pass through on their way to the client.
 *
 * <p>The bucket holds at most a tenth of a second of bytes (at least 8 KiB), so a burst after a
 * quiet spell stays short. Each read reserves its bytes and, if the bucket runs short, sleeps until
 * they are earned; reservations queue in order, so concurrent transfers share the budget. Time is
 * read from the {@link Clock} and waited through the {@link Sleeper}, so tests control both.
 * Thread-safe.
 */
public final class BandwidthBudget {

  private final long bytesPerSecond;
  private final long capacity;
  private final Clock clock;
  private final Sleeper sleeper;
  private double tokens;
  private long lastRefillNanos;

  /**
   * Creates a budget of {@code bytesPerSecond}, full at first.
   *
   * @throws IllegalArgumentException if the rate is not positive
   */
  public BandwidthBudget(long bytesPerSecond, Clock clock, Sleeper sleeper) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
    this.capacity = Math.max(8192, bytesPerSecond / 10);
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.tokens = capacity;
    this.lastRefillNanos = nanos();
  }

  /** The budget, in bytes per second. */
  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /**
   * Takes {@code bytes} from the budget, sleeping until they are earned.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire(long bytes) throws InterruptedException {
    sleeper.sleep(reserve(bytes));
  }

  /** Wraps {@code in} so that every byte read from it is taken from this budget. */
  public InputStream throttle(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          take(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        // Reading at most the bucket's capacity at once keeps the reservations fine-grained.
        int n = super.read(buffer, offset, (int) Math.min(length, capacity));
        if (n > 0) {
          take(n);
        }
        return n;
      }

      private void take(long n) throws InterruptedIOException {
        try {
          acquire(n);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("Interrupted while waiting for bandwidth");
        }
      }
    };
  }

  /**
   * Reserves {@code bytes}, possibly into debt, and says how long the caller must wait for them.
   */
  private synchronized Duration reserve(long bytes) {
    long now = nanos();
    tokens =
        Math.min(
            (double) capacity,
            tokens + (double) (now - lastRefillNanos) * (double) bytesPerSecond / 1e9);
    lastRefillNanos = now;
    tokens -= bytes;
    return tokens >= 0
        ? Duration.ZERO
        : Duration.ofNanos((long) Math.ceil(-tokens * 1e9 / bytesPerSecond));
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
