package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WavePlanTest {

  private static WavePlan canary(int clients) {
    return WavePlan.builder().canaryClients(clients).build();
  }

  @Test
  void wavesGrowFromTheCanaryAndCoverEveryClient() {
    assertThat(canary(5).sizes(100)).containsExactly(5, 10, 20, 40, 25);
    assertThat(WavePlan.builder().canaryPercent(1).build().sizes(10_000))
        .containsExactly(100, 200, 400, 800, 1600, 3200, 3700);
    assertThat(WavePlan.builder().canaryClients(2).growth(1).build().sizes(7))
        .containsExactly(2, 2, 2, 1);
    assertThat(WavePlan.builder().canaryPercent(100).growth(1).build().sizes(42))
        .containsExactly(42);
    assertThat(canary(5).sizes(3)).containsExactly(3);
    assertThat(canary(1).sizes(0)).isEmpty();
  }

  @Test
  void theDefaultsAreACanaryOfOneDoublingWithNinetyFivePercentToPass() {
    WavePlan defaults = WavePlan.defaults();

    assertThat(defaults.sizes(10)).containsExactly(1, 2, 4, 3);
    assertThat(defaults.successThreshold()).isEqualTo(0.95);
    assertThat(defaults.errorLimit()).isEqualTo(0.05);
  }

  @Test
  void theLastCanarySizeGivenWins() {
    assertThat(WavePlan.builder().canaryClients(5).canaryPercent(10).build().sizes(100))
        .startsWith(10);
    assertThat(WavePlan.builder().canaryPercent(10).canaryClients(5).build().sizes(100))
        .startsWith(5);
  }

  @Test
  void theErrorLimitIsExceededOnlyAboveIt() {
    WavePlan plan = WavePlan.builder().canaryClients(1).errorLimit(0.1).build();

    assertThat(plan.exceedsErrorLimit(1, 10)).isFalse();
    assertThat(plan.exceedsErrorLimit(2, 10)).isTrue();
  }

  @Test
  void invalidPlansAreRejected() {
    assertThatThrownBy(() -> WavePlan.builder().canaryClients(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavePlan.builder().canaryPercent(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavePlan.builder().canaryPercent(101).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavePlan.builder().growth(0.5).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavePlan.builder().successThreshold(1.5).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
