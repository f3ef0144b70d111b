package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WavePlanTest {

  @Test
  void wavesGrowFromTheCanaryAndCoverEveryClient() {
    assertThat(WavePlan.canary(5).sizes(100)).containsExactly(5, 10, 20, 40, 25);
    assertThat(WavePlan.canaryPercent(1).sizes(10_000)).containsExactly(100, 200, 400, 800, 1600, 3200, 3700);
    assertThat(WavePlan.canary(2).withGrowth(1).sizes(7)).containsExactly(2, 2, 2, 1);
    assertThat(WavePlan.allAtOnce().sizes(42)).containsExactly(42);
    assertThat(WavePlan.canary(5).sizes(3)).containsExactly(3);
    assertThat(WavePlan.canary(1).sizes(0)).isEmpty();
  }

  @Test
  void theErrorLimitIsExceededOnlyAboveIt() {
    WavePlan plan = WavePlan.canary(1).withErrorLimit(0.1);

    assertThat(plan.exceedsErrorLimit(1, 10)).isFalse();
    assertThat(plan.exceedsErrorLimit(2, 10)).isTrue();
  }

  @Test
  void invalidPlansAreRejected() {
    assertThatThrownBy(() -> new WavePlan(5, 10, 2, 0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WavePlan(0, 0, 2, 0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavePlan.canary(1).withGrowth(0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavePlan.canary(1).withSuccessThreshold(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
