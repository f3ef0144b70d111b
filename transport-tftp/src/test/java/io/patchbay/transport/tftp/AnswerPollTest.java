package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** {@link AnswerPoll} polls only for fast peers, briefly, and within its permits. */
class AnswerPollTest {

  private final Semaphore permits = new Semaphore(1);
  private final AnswerPoll poll = new AnswerPoll(permits);

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
    poll.answered(AnswerPoll.LIMIT_NANOS - 1);

    assertThat(poll.tryPoll()).isEqualTo(AnswerPoll.LIMIT_NANOS);
  }

  @Test
  void oneSlowAnswerStopsThePollingAtOnce() {
    poll.answered(20_000);
    poll.answered(1_000_000_000);

    assertThat(poll.tryPoll()).isZero();
  }

  @Test
  void fastAnswersBringThePollingBackGradually() {
    poll.answered(AnswerPoll.LIMIT_NANOS * 2);
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
    AnswerPoll other = new AnswerPoll(permits);
    other.answered(20_000);
    assertThat(poll.tryPoll()).isPositive();

    assertThat(other.tryPoll()).isZero();
  }
}
