package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** {@link AnswerPoll} polls only for fast peers, briefly, and within its permits. */
class AnswerPollTest {

  private static final long LIMIT = AnswerPoll.DEFAULT_LIMIT.toNanos();

  private final Semaphore permits = new Semaphore(1);
  private final AnswerPoll poll = new AnswerPoll(AnswerPoll.DEFAULT_LIMIT, permits);

  @Test
  void theFirstAnswerIsWaitedForAsleep() {
    assertThat(poll.tryPoll()).isZero();
    assertThat(permits.availablePermits()).isOne();
  }

  @Test
  void aFastPeerIsPolledForTwiceItsAverageAnswerHoldingAPermitUntilPolled() {
    poll.answered(20_000);

    assertThat(poll.tryPoll()).isEqualTo(40_000);
    assertThat(permits.availablePermits()).isZero();
    poll.polled();
    assertThat(permits.availablePermits()).isOne();
  }

  @Test
  void aPollNeverLastsLongerThanTheLimit() {
    poll.answered(LIMIT - 1);

    assertThat(poll.tryPoll()).isEqualTo(LIMIT);
  }

  @Test
  void oneSlowAnswerStopsThePollingAtOnce() {
    poll.answered(20_000);
    poll.answered(1_000_000_000);

    assertThat(poll.tryPoll()).isZero();
  }

  @Test
  void fastAnswersBringThePollingBackGradually() {
    poll.answered(LIMIT * 2);
    poll.answered(0);
    assertThat(poll.tryPoll()).as("one fast answer after a slow one").isZero();

    for (int i = 0; i < 30; i++) {
      poll.answered(10_000);
    }

    assertThat(poll.tryPoll()).isBetween(20_000L, 40_000L);
  }

  @Test
  void withoutAFreePermitTheWaitSleeps() {
    poll.answered(20_000);
    AnswerPoll other = new AnswerPoll(AnswerPoll.DEFAULT_LIMIT, permits);
    other.answered(20_000);
    assertThat(poll.tryPoll()).isPositive();

    assertThat(other.tryPoll()).isZero();
  }

  @Test
  void aZeroLimitNeverPolls() {
    AnswerPoll never = new AnswerPoll(Duration.ZERO, permits);
    never.answered(0);

    assertThat(never.tryPoll()).isZero();
    assertThat(permits.availablePermits()).isOne();
  }

  @Test
  void theLimitIsZeroToOneMillisecond() {
    assertThat(AnswerPoll.requireLimit(Duration.ZERO)).isZero();
    assertThat(AnswerPoll.requireLimit(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> AnswerPoll.requireLimit(Duration.ofNanos(1_000_001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 1 ms");
    assertThatThrownBy(() -> AnswerPoll.requireLimit(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTransportConfigKeepsItsLimitAndChecksIt() {
    assertThat(TftpTransportConfig.defaults().answerPoll()).isEqualTo(AnswerPoll.DEFAULT_LIMIT);
    assertThat(TftpTransportConfig.builder().answerPoll(Duration.ZERO).build().answerPoll())
        .isZero();
    assertThatThrownBy(
            () -> TftpTransportConfig.builder().answerPoll(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPeerThatAnsweredAtOnceIsPolledForAndItsPermitIsReturned() {
    poll.answered(0);

    assertThat(poll.tryPoll()).isPositive();
    poll.polled();
    assertThat(permits.availablePermits()).isOne();
  }
}
