package io.patchbay.internal.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs tasks on an executor, at most a fixed number at once, each task's result in a future that
 * always completes: with the task's value, or with a stand-in when the task throws or the executor
 * rejects it. Not API.
 *
 * <p>The caller takes a slot first ({@link #awaitSlot()}, which blocks while every slot is taken),
 * then either {@link #submit submits} a task on it or {@link #returnSlot() gives it back}. The two
 * steps are apart so that a caller can decide, with a slot in hand, whether to start another task
 * at all: by then the tasks that just ended have told it how they ended.
 *
 * <p>A task's slot is free again once the task returned or threw, before its future completes: so
 * whatever a task did is visible to the caller who takes its slot next (a {@link Semaphore}'s
 * release happens-before a later acquire). Submitting is meant for one thread; ending tasks and
 * returning slots may happen on any thread.
 */
public final class BoundedFanOut {

  private final Executor executor;
  private final Semaphore slots;

  /**
   * Runs on {@code executor}, which should offer at least {@code limit} threads, at most {@code
   * limit} tasks at once.
   */
  public BoundedFanOut(Executor executor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.executor = executor;
    this.slots = new Semaphore(limit);
  }

  /**
   * Takes a slot, waiting while every slot is taken.
   *
   * @throws InterruptedException if the thread is interrupted while waiting; it holds no slot then
   */
  public void awaitSlot() throws InterruptedException {
    slots.acquire();
  }

  /** Gives back a slot taken with {@link #awaitSlot()} and not used for a task. */
  public void returnSlot() {
    slots.release();
  }

  /**
   * Runs {@code task} on the slot the caller took, and gives the slot back when it ends.
   *
   * @param ifThrown the future's value if the task throws; the task's exception still propagates to
   *     the executor's thread
   * @param ifRejected the future's value if the executor rejects the task; it is called on the
   *     caller's thread, once the slot is back
   */
  public <T> CompletableFuture<T> submit(
      Supplier<T> task,
      Function<Throwable, T> ifThrown,
      Function<RejectedExecutionException, T> ifRejected) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            T value;
            try {
              value = task.get();
            } catch (RuntimeException | Error e) {
              slots.release();
              result.complete(ifThrown.apply(e));
              throw e;
            }
            slots.release();
            result.complete(value);
          });
    } catch (RejectedExecutionException e) {
      slots.release();
      result.complete(ifRejected.apply(e));
    }
    return result;
  }
}
