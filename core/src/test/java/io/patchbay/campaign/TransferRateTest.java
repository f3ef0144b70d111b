package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferRateTest {

  @Test
  void withoutBudgetOrMeasurementNothingIsAssumed() {
    assertThat(new TransferRate(0).timeFor(1_000_000)).isZero();
  }

  @Test
  void theBudgetSeedsTheEstimateUntilTransfersAreMeasured() {
    TransferRate rate = new TransferRate(100_000);

    assertThat(rate.timeFor(1_000_000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void oneStalledTransferDoesNotSlowTheEstimateForEveryone() {
    TransferRate rate = new TransferRate(0);
    rate.record(1_000_000, Duration.ofSeconds(1));
    rate.record(1_000_000, Duration.ofSeconds(1));
    rate.record(1_000_000, Duration.ofHours(13));

    assertThat(rate.timeFor(2_000_000)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void onlyTheLastSixteenTransfersCount() {
    TransferRate rate = new TransferRate(1_000);
    for (int i = 0; i < 16; i++) {
      rate.record(50_000, Duration.ofSeconds(1));
    }

    assertThat(rate.timeFor(100_000)).isEqualTo(Duration.ofSeconds(2));
  }
}
