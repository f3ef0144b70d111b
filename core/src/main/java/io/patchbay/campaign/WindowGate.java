package io.patchbay.campaign;

import io.patchbay.update.Sleeper;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Holds clients back until their group's maintenance window is open, and long enough for what they
 * are about to transfer at the measured {@link TransferRate}; and holds transfers back until one of
 * the campaign's transfer slots is free. Waits on the campaign's clock and {@link Sleeper}, so a
 * test drives it with a manual clock. Thread-safe: every client's thread passes here.
 */
final class WindowGate {

  private final Map<String, MaintenanceWindow> windows;
  private final Semaphore transferSlots;
  private final TransferRate rate;
  private final Clock clock;
  private final Sleeper sleeper;
  private final CampaignEvents events;

  /** A gate for the groups in {@code windows}, with {@code maxTransfers} slots (0 for no limit). */
  WindowGate(
      Map<String, MaintenanceWindow> windows,
      int maxTransfers,
      TransferRate rate,
      Clock clock,
      Sleeper sleeper,
      CampaignEvents events) {
    this.windows = Map.copyOf(windows);
    this.transferSlots = new Semaphore(maxTransfers == 0 ? Integer.MAX_VALUE : maxTransfers);
    this.rate = rate;
    this.clock = clock;
    this.sleeper = sleeper;
    this.events = events;
  }

  /**
   * When each group's window opens, as seen now: now for a window open now and for a group without
   * one. A wave starts its clients in this order.
   */
  Function<String, Instant> openings() {
    Instant now = clock.instant();
    Map<String, Instant> opening = new HashMap<>();
    windows.forEach(
        (group, window) ->
            opening.put(
                group, window.closingIfOpen(now).isPresent() ? now : window.nextOpening(now)));
    return group -> opening.getOrDefault(group, now);
  }

  /**
   * Waits until the window of {@code entry}'s group is open, and long enough for {@code bytes} at
   * the measured rate.
   *
   * @throws InterruptedIOException if the thread is interrupted while waiting
   * @throws MaintenanceWindowException if no window of the group is long enough
   */
  void awaitWindow(DirectoryEntry entry, long bytes) throws InterruptedIOException {
    for (Optional<Instant> until = waitFor(entry, bytes);
        until.isPresent();
        until = waitFor(entry, bytes)) {
      Instant opening = until.get();
      events.tell(listener -> listener.clientWaiting(entry.id(), opening));
      try {
        sleeper.sleep(Duration.between(clock.instant(), opening));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for the maintenance window");
      }
    }
  }

  /**
   * Takes a transfer slot for {@code size} bytes inside {@code entry}'s window; give it back with
   * {@link #releaseTransferSlot()} or {@link #transferFinished}.
   *
   * @throws InterruptedIOException if the thread is interrupted while waiting
   * @throws MaintenanceWindowException if no window of the group is long enough
   */
  void takeTransferSlot(DirectoryEntry entry, long size) throws InterruptedIOException {
    while (true) {
      awaitWindow(entry, size);
      try {
        transferSlots.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for a transfer slot");
      }
      if (waitFor(entry, size).isEmpty()) {
        return;
      }
      // The window closed (or shrank below the transfer) while this client waited for a slot.
      transferSlots.release();
    }
  }

  /** When a transfer that took its slot starts, for {@link #transferFinished}. */
  Instant now() {
    return clock.instant();
  }

  /** Gives back a slot whose transfer never started. */
  void releaseTransferSlot() {
    transferSlots.release();
  }

  /**
   * Gives back the slot of a transfer that started at {@code started}; a successful one feeds the
   * rate.
   */
  void transferFinished(Instant started, long bytes, boolean succeeded) {
    transferSlots.release();
    if (succeeded) {
      rate.record(bytes, Duration.between(started, clock.instant()));
    }
  }

  /** When to try again, or empty if the transfer of {@code bytes} may start now. */
  private Optional<Instant> waitFor(DirectoryEntry entry, long bytes) {
    MaintenanceWindow window = windows.get(entry.group());
    if (window == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Duration needed = rate.timeFor(bytes);
    Optional<Instant> closes = window.closingIfOpen(now);
    if (closes.isPresent() && !now.plus(needed).isAfter(closes.get())) {
      return Optional.empty();
    }
    Instant next = window.nextOpening(now.plusNanos(1));
    Duration length = window.length(next);
    if (needed.compareTo(length) > 0) {
      throw new MaintenanceWindowException(entry.id(), bytes, needed, length);
    }
    return Optional.of(next);
  }
}
