package io.patchbay.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs one piece of work per key at a time: the first caller for a key does it, concurrent callers
 * for the same key wait and share its result or its failure, so a failure is not retried by every
 * waiter at once. When the working thread is interrupted, that says nothing about the work, so a
 * waiter takes over instead of failing.
 *
 * @param <K> the key, such as an artifact's digest
 * @param <V> the result
 */
final class SingleFlight<K, V> {

  /** Work that may fail with I/O. */
  @FunctionalInterface
  interface Work<V> {
    V run() throws IOException;
  }

  private final ConcurrentMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();
  private final boolean remember;

  /**
   * @param remember keep each outcome, success or failure, for later callers (one run's worth of
   *     memory); otherwise a key's next caller after the flight ends does the work again
   */
  SingleFlight(boolean remember) {
    this.remember = remember;
  }

  V run(K key, Work<V> work) throws IOException {
    while (true) {
      CompletableFuture<V> mine = new CompletableFuture<>();
      CompletableFuture<V> flight = flights.putIfAbsent(key, mine);
      if (flight == null) {
        return lead(key, mine, work);
      }
      try {
        return await(flight);
      } catch (AbandonedException e) {
        // The leader was interrupted; loop to lead ourselves.
      }
    }
  }

  private V lead(K key, CompletableFuture<V> mine, Work<V> work) throws IOException {
    try {
      V result = work.run();
      mine.complete(result);
      return result;
    } catch (InterruptedIOException e) {
      flights.remove(key, mine);
      mine.completeExceptionally(new AbandonedException());
      throw e;
    } catch (IOException | RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      if (!remember) {
        flights.remove(key, mine);
      }
    }
  }

  private static <V> V await(CompletableFuture<V> flight) throws IOException {
    try {
      return flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for another thread's work");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) cause;
    }
  }

  /** Forgets every remembered outcome. */
  void clear() {
    flights.clear();
  }

  /** Tells a waiting thread that the leader gave up because it was interrupted. */
  private static final class AbandonedException extends RuntimeException {
    AbandonedException() {
      super("The working thread was interrupted", null, false, false);
    }
  }
}
