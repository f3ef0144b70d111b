package io.patchbay.update;

import java.util.HashSet;
import java.util.Set;

/**
 * Cancels a run: sets a flag every step checks, and interrupts the threads working for the run
 * so blocking I/O stops. Threads come from the caller's executor, so each registers only while it
 * works for the run, and leaves without a stray interrupt.
 */
final class Cancellation {

  private final Set<Thread> workers = new HashSet<>();
  private volatile boolean cancelled;

  boolean isCancelled() {
    return cancelled;
  }

  synchronized void cancel() {
    cancelled = true;
    workers.forEach(Thread::interrupt);
  }

  /** Registers the calling thread as working for the run. */
  synchronized void enter() {
    workers.add(Thread.currentThread());
  }

  /** Deregisters the calling thread; clears an interrupt this run may have sent it. */
  synchronized void leave() {
    workers.remove(Thread.currentThread());
    if (cancelled) {
      Thread.interrupted();
    }
  }
}
