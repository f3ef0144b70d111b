package io.patchbay.transport.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action when a transfer makes no progress for a while. The JDK's HttpClient has no read
 * timeout on bodies (its request timeout ends when headers arrive, JDK-8208693), so streams and
 * uploads report progress here and get aborted when they stall.
 */
final class StallGuard implements AutoCloseable {

  /** One daemon thread for every guard: checks are cheap and only ever abort. */
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private final long timeoutNanos;
  private final Runnable onStall;
  private final ScheduledFuture<?> check;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean tripped;

  StallGuard(Duration timeout, Runnable onStall) {
    this.timeoutNanos = timeout.toNanos();
    this.onStall = onStall;
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
    this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
  }

  /** Records that bytes moved. */
  void progress() {
    lastProgress = System.nanoTime();
  }

  /** Tells whether the guard aborted the transfer. */
  boolean tripped() {
    return tripped;
  }

  /** Stops watching; the action will not run after this returns, unless it already started. */
  @Override
  public void close() {
    check.cancel(false);
  }

  private void check() {
    if (!tripped && System.nanoTime() - lastProgress > timeoutNanos) {
      tripped = true;
      check.cancel(false);
      onStall.run();
    }
  }

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "patchbay-http-stall-guard");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
