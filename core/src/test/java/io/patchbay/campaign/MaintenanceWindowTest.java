package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void aWindowIsReadInItsTimeZone() {
    MaintenanceWindow nights =
        MaintenanceWindow.daily(LocalTime.of(2, 0), LocalTime.of(4, 0), PARIS);

    assertThat(nights.closingIfOpen(Instant.parse("2026-11-23T01:30:00Z")))
        .contains(Instant.parse("2026-11-23T03:00:00Z"));
    assertThat(nights.closingIfOpen(Instant.parse("2026-11-23T03:00:00Z"))).isEmpty();
    assertThat(nights.nextOpening(Instant.parse("2026-11-23T03:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-24T01:00:00Z"));
  }

  @Test
  void onTheNightClocksGoForwardAStartInTheGapMovesLaterByTheGap() {
    // 2026-03-29 in Paris: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    MaintenanceWindow nights =
        MaintenanceWindow.daily(LocalTime.of(2, 30), LocalTime.of(4, 0), PARIS);

    Instant opening = nights.nextOpening(Instant.parse("2026-03-28T23:00:00Z"));

    assertThat(opening).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    assertThat(nights.length(opening)).isEqualTo(Duration.ofMinutes(30));
  }
}
