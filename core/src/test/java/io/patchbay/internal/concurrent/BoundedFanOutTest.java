package io.patchbay.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedFanOutTest {

  private final ExecutorService pool =
      Executors.newCachedThreadPool(DaemonThreads.numbered("fan-out-test"));

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void aSlotIsFreeAgainOnlyOnceItsTaskReturned() throws Exception {
    BoundedFanOut fanOut = new BoundedFanOut(pool, 1);
    CountDownLatch release = new CountDownLatch(1);
    fanOut.awaitSlot();
    CompletableFuture<String> first =
        fanOut.submit(
            () -> {
              await(release);
              return "first";
            },
            thrown -> "thrown",
            rejected -> "rejected");

    CompletableFuture<Void> second =
        CompletableFuture.runAsync(
            () -> {
              try {
                fanOut.awaitSlot();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            pool);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();

    release.countDown();
    assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo("first");
    second.get(60, TimeUnit.SECONDS);
  }

  @Test
  void aTaskThatThrowsCompletesWithTheStandInAndGivesItsSlotBack() throws Exception {
    BoundedFanOut fanOut = new BoundedFanOut(pool, 1);
    fanOut.awaitSlot();

    CompletableFuture<String> result =
        fanOut.submit(
            () -> {
              throw new IllegalStateException("boom");
            },
            thrown -> "stand-in for " + thrown.getMessage(),
            rejected -> "rejected");

    assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("stand-in for boom");
    fanOut.awaitSlot(); // would block for ever had the slot not come back
  }

  @Test
  void aRejectedTaskCompletesWithTheStandInAndGivesItsSlotBack() throws Exception {
    BoundedFanOut fanOut =
        new BoundedFanOut(
            runnable -> {
              throw new RejectedExecutionException("full");
            },
            1);
    fanOut.awaitSlot();

    CompletableFuture<String> result =
        fanOut.submit(() -> "ran", thrown -> "thrown", rejected -> rejected.getMessage());

    assertThat(result).isCompletedWithValue("full");
    fanOut.awaitSlot();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
