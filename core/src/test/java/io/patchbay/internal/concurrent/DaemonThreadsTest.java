package io.patchbay.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void numberedThreadsAreDaemonsNamedInTurn() {
    ThreadFactory factory = DaemonThreads.numbered("patchbay-test");

    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});

    assertThat(first.getName()).isEqualTo("patchbay-test-1");
    assertThat(second.getName()).isEqualTo("patchbay-test-2");
    assertThat(first.isDaemon()).isTrue();
  }

  @Test
  void aTimerForgetsACancelledTaskAtOnce() {
    ScheduledThreadPoolExecutor timer = DaemonThreads.timer("patchbay-test-timer");
    try {
      timer.schedule(() -> {}, 1, TimeUnit.DAYS).cancel(false);

      assertThat(timer.getQueue()).isEmpty();
    } finally {
      timer.shutdownNow();
    }
  }
}
