package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.Client;
import io.patchbay.update.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window gate on a clock that only its sleeper moves: no test here waits for real time. */
class WindowGateTest {

  private static final MaintenanceWindow NIGHTS =
      MaintenanceWindow.daily(LocalTime.of(2, 0), LocalTime.of(4, 0), ZoneOffset.UTC);
  private static final DirectoryEntry NIGHT_CLIENT =
      new DirectoryEntry(new Client("stb-1", URI.create("fake://stb-1"), Map.of()), "nights");
  private static final DirectoryEntry ANY_TIME_CLIENT =
      new DirectoryEntry(new Client("stb-2", URI.create("fake://stb-2"), Map.of()), "any-time");

  private final SleptClock clock = new SleptClock(Instant.parse("2026-11-23T00:30:00Z"));
  private final List<Instant> waitedUntil = new ArrayList<>();

  @Test
  void aClientOutsideItsWindowSleepsUntilTheWindowOpens() throws Exception {
    WindowGate gate = gate(0);

    gate.awaitWindow(NIGHT_CLIENT, 0);

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
    assertThat(waitedUntil).containsExactly(Instant.parse("2026-11-23T02:00:00Z"));
  }

  @Test
  void aClientWithoutAWindowNeverWaits() throws Exception {
    WindowGate gate = gate(1_000);

    gate.takeTransferSlot(ANY_TIME_CLIENT, 1_000_000_000);

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T00:30:00Z"));
    assertThat(waitedUntil).isEmpty();
  }

  @Test
  void aTransferThatWouldOutlastTheOpenWindowWaitsForTheNextOne() throws Exception {
    clock.now = Instant.parse("2026-11-23T03:30:00Z");
    WindowGate gate = gate(1_000);

    gate.takeTransferSlot(NIGHT_CLIENT, 3_600_000); // an hour at 1,000 B/s, with half an hour left

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
  }

  @Test
  void aTransferLongerThanAnyWindowIsRefusedAtOnce() {
    WindowGate gate = gate(1_000);

    assertThatThrownBy(
            () -> gate.takeTransferSlot(NIGHT_CLIENT, 10_000_000)) // 10,000 s in a 2 h window
        .isInstanceOfSatisfying(
            MaintenanceWindowException.class,
            e -> {
              assertThat(e.clientId()).isEqualTo("stb-1");
              assertThat(e.bytes()).isEqualTo(10_000_000);
            });
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-23T00:30:00Z"));
  }

  @Test
  void openingsPutOpenWindowsAndGroupsWithoutOneAtNow() {
    WindowGate gate = gate(0);

    assertThat(gate.openings().apply("nights")).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
    assertThat(gate.openings().apply("any-time")).isEqualTo(clock.instant());
    clock.now = Instant.parse("2026-11-23T02:30:00Z");
    assertThat(gate.openings().apply("nights")).isEqualTo(clock.instant());
  }

  private WindowGate gate(long bytesPerSecond) {
    CampaignEvents events =
        new CampaignEvents(
            List.of(
                new CampaignListener() {
                  @Override
                  public void clientWaiting(String clientId, Instant until) {
                    waitedUntil.add(until);
                  }
                }));
    Sleeper sleeper = duration -> clock.now = clock.now.plus(duration);
    return new WindowGate(
        Map.of("nights", NIGHTS), 1, new TransferRate(bytesPerSecond), clock, sleeper, events);
  }

  /** A clock that stands still until the test's sleeper moves it; used from one thread. */
  private static final class SleptClock extends Clock {
    Instant now;

    SleptClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("not needed by the gate");
    }
  }
}
