package io.patchbay.update;

import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.report.Step;
import io.patchbay.spi.AbortSignal;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time of one blocking step: when it runs out, the step's {@link AbortSignal} is aborted
 * and its thread interrupted. Transports have their own I/O timeouts; this is the backstop that
 * keeps a client from hanging a run forever.
 *
 * <p>An interrupt alone does not do: a thread blocked in a JDK 17 {@code HttpClient} body read
 * swallows it and reads on, for as long as the peer trickles bytes. The abort signal reaches the
 * I/O itself, which the transport registered for the step, and does not depend on what a library
 * does with interrupts; the interrupt still stops sleeps, waits and interruptible channels.
 */
final class StepDeadline {

  /**
   * One daemon thread for every orchestrator: alarms only interrupt and run quick abort actions.
   */
  private static final ScheduledThreadPoolExecutor ALARMS =
      DaemonThreads.timer("patchbay-step-deadline");

  private final Duration timeout;
  private final Map<Step, Duration> perStep;

  StepDeadline(Duration timeout, Map<Step, Duration> perStep) {
    this.timeout = timeout;
    this.perStep = perStep.isEmpty() ? Map.of() : new EnumMap<>(perStep);
  }

  /** A blocking step. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws IOException;
  }

  /**
   * Runs {@code call} on this thread under a fresh {@link AbortSignal}, aborting it and
   * interrupting the thread if the call outlasts the timeout.
   *
   * @throws StepTimeoutException if the alarm went off and the call then failed
   */
  <T> T run(String clientId, Step step, Call<T> call) throws IOException {
    Duration timeout = perStep.getOrDefault(step, this.timeout);
    try (AbortSignal signal = AbortSignal.open()) {
      Alarm alarm =
          new Alarm(
              Thread.currentThread(),
              signal,
              StepTimeoutException.message(clientId, step, timeout));
      ScheduledFuture<?> scheduled =
          ALARMS.schedule(alarm, timeout.toNanos(), TimeUnit.NANOSECONDS);
      try {
        return call.call();
      } catch (IOException | RuntimeException e) {
        if (alarm.disarm()) {
          throw new StepTimeoutException(clientId, step, timeout, e);
        }
        throw e;
      } finally {
        scheduled.cancel(false);
        if (alarm.disarm()) {
          // Our own interrupt, not a cancellation: do not let it leak into the next step.
          Thread.interrupted();
        }
      }
    }
  }

  /**
   * Aborts its signal and interrupts its thread once, unless disarmed first. The lock makes "fired"
   * and "disarmed" mutually exclusive, so neither lands after the step has returned.
   */
  private static final class Alarm implements Runnable {
    private final Thread worker;
    private final AbortSignal signal;
    private final String reason;
    private boolean armed = true;
    private boolean fired;

    Alarm(Thread worker, AbortSignal signal, String reason) {
      this.worker = worker;
      this.signal = signal;
      this.reason = reason;
    }

    @Override
    public synchronized void run() {
      if (armed) {
        fired = true;
        signal.abort(reason);
        worker.interrupt();
      }
    }

    /** Disarms the alarm; tells whether it had already fired. */
    synchronized boolean disarm() {
      armed = false;
      return fired;
    }
  }
}
