package io.patchbay.campaign;

import java.time.Duration;

/**
 * The rate at which a campaign's transfers move, measured on the campaign's clock: a moving
 * average over finished transfers, seeded with the bandwidth budget if there is one. Decides
 * whether a transfer can finish before a maintenance window closes. Thread-safe.
 */
final class TransferRate {

  /** How much a new measurement weighs against the history. */
  private static final double WEIGHT = 0.3;

  private double bytesPerSecond;

  /** Starts with {@code initialBytesPerSecond}, or with no estimate if it is 0. */
  TransferRate(long initialBytesPerSecond) {
    this.bytesPerSecond = initialBytesPerSecond;
  }

  synchronized void record(long bytes, Duration elapsed) {
    if (bytes <= 0 || elapsed.isNegative() || elapsed.isZero()) {
      return;
    }
    double measured = bytes * 1e9 / elapsed.toNanos();
    bytesPerSecond = bytesPerSecond == 0 ? measured : (1 - WEIGHT) * bytesPerSecond + WEIGHT * measured;
  }

  /** How long {@code bytes} take at the current estimate; zero while nothing is known. */
  synchronized Duration timeFor(long bytes) {
    return bytesPerSecond == 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(bytes * 1e9 / bytesPerSecond));
  }
}
