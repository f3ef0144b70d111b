package io.patchbay.campaign;

import io.patchbay.update.UpdateSession;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, resume and cancel of one campaign: called by users from any thread, obeyed by the thread
 * that runs the waves and by the workers that run clients.
 *
 * <p>One lock guards {@code paused} and the set of workers running a client. It is a lock and not
 * two atomics because cancelling has to interrupt exactly the threads that are running a client
 * now: a worker joins the set and leaves it under the lock, and {@link #cancel()} interrupts under
 * the same lock, so an interrupt meant for the campaign can never reach a pool thread after its
 * client ended (where it would fail whatever the thread runs next). {@link #awaitRunning()} waits
 * on the lock's one condition, "not paused, or cancelled", which {@link #resume()} and {@link
 * #cancel()} signal.
 *
 * <p>{@code cancelled} is volatile too, so that the many checks of it need no lock; it only ever
 * goes from false to true.
 */
final class CampaignControl {

  /** The reason given to clients and waves that a cancel stopped. */
  static final String CANCELLED_REASON = "the campaign was cancelled";

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition runningOrCancelled = lock.newCondition();
  private final Set<Thread> workers = new HashSet<>();
  private boolean paused;
  private volatile boolean cancelled;
  private volatile UpdateSession session;

  /**
   * Hands the run's session to {@link #cancel()}. Both write their own volatile field before they
   * read the other's, so a cancel that races with the opening of the session is seen by one of the
   * two: the session is cancelled either here or there.
   */
  void attach(UpdateSession opened) {
    session = opened;
    if (cancelled) {
      opened.cancel();
    }
  }

  /** Forgets the session once the run closed it. */
  void detach() {
    session = null;
  }

  boolean cancelled() {
    return cancelled;
  }

  void pause() {
    underLock(() -> paused = true);
  }

  void resume() {
    underLock(
        () -> {
          paused = false;
          runningOrCancelled.signalAll();
        });
  }

  /**
   * Cancels the session, interrupts every worker running a client and wakes every waiter.
   * Idempotent.
   */
  void cancel() {
    cancelled = true;
    UpdateSession current = session;
    if (current != null) {
      current.cancel();
    }
    underLock(
        () -> {
          workers.forEach(Thread::interrupt);
          runningOrCancelled.signalAll();
        });
  }

  /** Waits while paused; tells whether the campaign may go on (it is not cancelled). */
  boolean awaitRunning() throws InterruptedException {
    lock.lock();
    try {
      while (paused && !cancelled) {
        runningOrCancelled.await();
      }
      return !cancelled;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code timeout}, or until cancelled, whichever comes first; a pause does not end
   * the wait.
   */
  void awaitCancel(Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (!cancelled && left > 0) {
        left = runningOrCancelled.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Registers the calling thread as running a client, so that a cancel interrupts it. */
  void workerStarted() {
    underLock(() -> workers.add(Thread.currentThread()));
  }

  /**
   * Unregisters the calling thread. Once it is out of the set no cancel can interrupt it, so
   * clearing the interrupt a cancel may have left here is final: the pool thread goes back clean.
   */
  void workerFinished() {
    underLock(
        () -> {
          workers.remove(Thread.currentThread());
          if (cancelled) {
            Thread.interrupted();
          }
        });
  }

  private void underLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }
}
