package io.patchbay.transport.http;

import io.patchbay.internal.concurrent.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches one body as it moves and runs an action when it stalls: when no byte moved for the read
 * timeout, or when fewer bytes moved over the minimum rate's window than the rate asks for. The
 * JDK's HttpClient has no read timeout on bodies (its request timeout ends when headers arrive,
 * JDK-8208693), so streams and uploads report progress here and get aborted when they stall. A
 * no-progress timeout alone is not enough: a peer that sends a byte a second resets it forever.
 *
 * <p>Time runs on a clock the owner may {@linkplain #pause() pause} while the gateway itself holds
 * the body up, such as an upload's source throttled by a bandwidth budget: only the peer is judged.
 * The rate is judged over a sliding window of that clock, kept as the bytes moved in each of eight
 * slots of an eighth of the window plus the current slot: a body that trickles fails once it has
 * for a window, or at most a slot and a check later.
 */
final class StallGuard implements AutoCloseable {

  /** One daemon thread for every guard: checks are cheap and only ever abort. */
  private static final ScheduledThreadPoolExecutor TIMER =
      DaemonThreads.timer("patchbay-http-stall-guard");

  private static final int SLOTS = 8;

  private static final Duration MAX_DELAY = Duration.ofNanos(Long.MAX_VALUE);

  private final String method;
  private final URI uri;
  private final long readTimeoutNanos;
  private final long minimumBytesPerSecond;
  private final long windowNanos;
  private final long slotNanos;
  private final ScheduledFuture<?> check;

  // Guarded by this; times are on the guard's own clock, in nanoseconds since it started.
  private final long[] slotBytes = new long[SLOTS + 1];
  private long slot;
  private long countedBeforeResume;
  private long resumedAt = System.nanoTime();
  private boolean running = true;
  private long lastProgress;
  private boolean rateApplies;
  private Stall stall;
  private Runnable onStall = () -> {};

  /**
   * Starts watching, with the clock running.
   *
   * @param method the request's method, for the error
   * @param uri the request's URI, for the error
   */
  StallGuard(HttpTransportConfig config, String method, URI uri) {
    this.method = method;
    this.uri = uri;
    this.readTimeoutNanos = config.readTimeout().toNanos();
    this.minimumBytesPerSecond = config.minimumBytesPerSecond();
    this.windowNanos = config.minimumRateWindow().toNanos();
    this.slotNanos = Math.max(1, windowNanos / SLOTS);
    this.rateApplies = minimumBytesPerSecond > 0;
    long period =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10), Math.min(readTimeoutNanos, windowNanos) / SLOTS);
    this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code action} on the guards' thread after {@code delay}, unless cancelled first: for
   * other deadlines of an exchange, such as a response's head. It must not block.
   */
  static ScheduledFuture<?> schedule(Runnable action, Duration delay) {
    // Saturated: toNanos() overflows past about 292 years.
    long nanos = delay.compareTo(MAX_DELAY) >= 0 ? Long.MAX_VALUE : Math.max(0, delay.toNanos());
    return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Sets what to do when the body stalls, such as close its stream or cancel its exchange; runs it
   * at once if the body stalled already. It runs on the guard's thread and must not block.
   */
  void onStall(Runnable action) {
    boolean stalled;
    synchronized (this) {
      onStall = action;
      stalled = stall != null;
    }
    if (stalled) {
      action.run();
    }
  }

  /** Records that {@code bytes} moved. */
  synchronized void progress(long bytes) {
    long now = clock();
    lastProgress = now;
    roll(now);
    slotBytes[(int) (slot % slotBytes.length)] += bytes;
  }

  /** Stops the clock while the gateway, not the peer, holds the body up. */
  synchronized void pause() {
    if (running) {
      countedBeforeResume = clock();
      running = false;
    }
  }

  /** Starts the clock again after {@link #pause()}. */
  synchronized void resume() {
    if (!running) {
      resumedAt = System.nanoTime();
      running = true;
    }
  }

  /**
   * Tells that the whole body has moved, so the minimum rate no longer applies; the read timeout
   * still does, such as to the wait for an upload's response.
   */
  synchronized void finished() {
    rateApplies = false;
  }

  /** Tells whether the guard ran its action because the body stalled. */
  synchronized boolean tripped() {
    return stall != null;
  }

  /**
   * The error to report for a stalled body: a {@link BelowMinimumRateException}, or an {@link
   * HttpTimeoutException} when nothing moved for the read timeout. Call only once {@link
   * #tripped()}.
   */
  synchronized IOException failure(Throwable cause) {
    IOException error =
        stall.tooSlow()
            ? new BelowMinimumRateException(
                method, uri, stall.bytes(), stall.over(), minimumBytesPerSecond)
            : new HttpTimeoutException(
                method + " " + uri + " made no progress for " + stall.over());
    error.initCause(cause);
    return error;
  }

  /** Stops watching; the action will not run after this returns, unless it already started. */
  @Override
  public void close() {
    check.cancel(false);
  }

  private void check() {
    Runnable action;
    synchronized (this) {
      if (stall != null) {
        return;
      }
      stall = judge(clock());
      if (stall == null) {
        return;
      }
      action = onStall;
    }
    check.cancel(false);
    action.run();
  }

  /** How the body stalled by now, or {@code null} if it did not. */
  private Stall judge(long now) {
    if (now - lastProgress > readTimeoutNanos) {
      return new Stall(false, 0, Duration.ofNanos(readTimeoutNanos));
    }
    if (!rateApplies || now < windowNanos) {
      return null;
    }
    roll(now);
    // The full slots before the current one cover one window; with the current one, a bit more.
    Duration judged =
        Duration.ofNanos(now - (slot - SLOTS) * slotNanos).truncatedTo(ChronoUnit.MILLIS);
    long bytes = 0;
    for (long moved : slotBytes) {
      bytes += moved;
    }
    if (bytes >= minimumBytesPerSecond * (judged.toNanos() / 1e9)) {
      return null;
    }
    return new Stall(true, bytes, judged);
  }

  /** Moves the current slot to the one of {@code now}, emptying the slots passed. */
  private void roll(long now) {
    long current = now / slotNanos;
    for (long passed = slot + 1; passed <= Math.min(current, slot + slotBytes.length); passed++) {
      slotBytes[(int) (passed % slotBytes.length)] = 0;
    }
    slot = Math.max(slot, current);
  }

  private long clock() {
    return running ? countedBeforeResume + System.nanoTime() - resumedAt : countedBeforeResume;
  }

  /**
   * How a body stalled: too slow, with the bytes it moved over the time judged, or not at all for
   * the read timeout.
   */
  private record Stall(boolean tooSlow, long bytes, Duration over) {}
}
