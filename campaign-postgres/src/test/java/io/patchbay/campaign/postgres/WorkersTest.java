package io.patchbay.campaign.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Workers.Started} leaves no worker running after a test. */
class WorkersTest {

  @Test
  void everyTrackedWorkerStillRunningIsKilledAfterTheTest() throws Exception {
    Workers.Started started = new Workers.Started();
    Process running = started.track(new ProcessBuilder("sleep", "60").start());
    try {
      Process ended = started.track(new ProcessBuilder("true").start());
      assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();

      started.afterEach(null);

      assertThat(running.isAlive()).as("killed, and waited for").isFalse();
      assertThat(ended.exitValue()).isZero();
    } finally {
      running.destroyForcibly();
    }
  }
}
