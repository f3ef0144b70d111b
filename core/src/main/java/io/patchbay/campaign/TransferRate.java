package io.patchbay.campaign;

import java.time.Duration;
import java.util.Arrays;

/**
 * The rate at which a campaign's transfers move, measured on the campaign's clock: the median of
 * the last 16 finished transfers, so that one client on a poor link (or one that stalled until its
 * deadline) does not make every other client wait for a longer window. Seeded with the bandwidth
 * budget if there is one. Decides whether a transfer can finish before a maintenance window closes.
 * Thread-safe.
 */
final class TransferRate {

  private static final int WINDOW = 16;

  private final double[] recent = new double[WINDOW];
  private int count;
  private int next;

  /** Starts with {@code initialBytesPerSecond} as the one measurement, or with none if it is 0. */
  TransferRate(long initialBytesPerSecond) {
    if (initialBytesPerSecond > 0) {
      add((double) initialBytesPerSecond);
    }
  }

  synchronized void record(long bytes, Duration elapsed) {
    if (bytes > 0 && !elapsed.isNegative() && !elapsed.isZero()) {
      add(bytes * 1e9 / elapsed.toNanos());
    }
  }

  /** How long {@code bytes} take at the current estimate; zero while nothing is known. */
  synchronized Duration timeFor(long bytes) {
    if (count == 0) {
      return Duration.ZERO;
    }
    double[] sorted = Arrays.copyOf(recent, count);
    Arrays.sort(sorted);
    double median = sorted[count / 2];
    return Duration.ofNanos((long) Math.ceil(bytes * 1e9 / median));
  }

  private void add(double bytesPerSecond) {
    recent[next] = bytesPerSecond;
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
  }
}
