package io.patchbay.update;

import io.patchbay.spi.AbortSignal;
import java.util.HashMap;
import java.util.Map;

/**
 * Cancels a run: sets a flag every step checks, and stops the work in progress. Each thread working
 * for the run has an {@link AbortSignal}, in which its steps' signals nest; cancelling aborts it,
 * which stops I/O that ignores interrupts (a JDK 17 {@code HttpClient} body read), and interrupts
 * the thread, which stops sleeps and waits. Threads come from the caller's executor, so each
 * registers only while it works for the run, and leaves without a stray interrupt.
 */
final class Cancellation {

  private final Map<Thread, AbortSignal> workers = new HashMap<>();
  private volatile boolean cancelled;

  boolean isCancelled() {
    return cancelled;
  }

  synchronized void cancel() {
    cancelled = true;
    workers.forEach(
        (worker, signal) -> {
          signal.abort("Run cancelled");
          worker.interrupt();
        });
  }

  /** Registers the calling thread as working for the run, under a signal of its own. */
  synchronized void enter() {
    workers.put(Thread.currentThread(), AbortSignal.open());
  }

  /** Deregisters the calling thread; clears an interrupt this run may have sent it. */
  synchronized void leave() {
    workers.remove(Thread.currentThread()).close();
    if (cancelled) {
      Thread.interrupted();
    }
  }
}
