package io.patchbay.update;

import io.patchbay.report.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time of one blocking step by interrupting the thread that runs it. Transports have
 * their own I/O timeouts; this is the backstop that keeps a client from hanging a run forever.
 */
final class StepDeadline {

  /** One daemon thread for every orchestrator: alarms only call {@link Thread#interrupt()}. */
  private static final ScheduledThreadPoolExecutor ALARMS = newAlarmClock();

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
   * Runs {@code call} on this thread, interrupting it if it outlasts the timeout.
   *
   * @throws StepTimeoutException if the alarm went off and the call then failed
   */
  <T> T run(String clientId, Step step, Call<T> call) throws IOException {
    Duration timeout = perStep.getOrDefault(step, this.timeout);
    Alarm alarm = new Alarm(Thread.currentThread());
    ScheduledFuture<?> scheduled = ALARMS.schedule(alarm, timeout.toNanos(), TimeUnit.NANOSECONDS);
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

  /**
   * Interrupts its thread once, unless disarmed first. The lock makes "fired" and "disarmed"
   * mutually exclusive, so an interrupt never lands after the step has returned.
   */
  private static final class Alarm implements Runnable {
    private final Thread worker;
    private boolean armed = true;
    private boolean fired;

    Alarm(Thread worker) {
      this.worker = worker;
    }

    @Override
    public synchronized void run() {
      if (armed) {
        fired = true;
        worker.interrupt();
      }
    }

    /** Disarms the alarm; tells whether it had already fired. */
    synchronized boolean disarm() {
      armed = false;
      return fired;
    }
  }

  private static ScheduledThreadPoolExecutor newAlarmClock() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "patchbay-step-deadline");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
