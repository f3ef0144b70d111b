package io.patchbay.campaign;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When the clients of a group may be updated: on some days of the week, from a start time to an end
 * time in a time zone. An end at or before the start means the window runs past midnight into the
 * next day (the day named is the day it opens). Daylight saving changes follow {@link
 * ZonedDateTime}: a start or end in a gap (a local time that does not exist that night) moves later
 * by the gap's length, and one in an overlap takes the earlier instant.
 *
 * @param days the days on which the window opens
 * @param start when it opens, local time
 * @param end when it closes, local time
 * @param zone the time zone of the clients
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

  /**
   * Validates and copies the window.
   *
   * @throws IllegalArgumentException if no day is given
   */
  public MaintenanceWindow {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("A maintenance window needs at least one day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
  }

  /** A window open every day from {@code start} to {@code end}. */
  public static MaintenanceWindow daily(LocalTime start, LocalTime end, ZoneId zone) {
    return new MaintenanceWindow(EnumSet.allOf(DayOfWeek.class), start, end, zone);
  }

  /** If the window is open at {@code now}, the instant it closes. */
  public Optional<Instant> closingIfOpen(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    // An overnight window that opened yesterday may still be open.
    for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
      Instant opens = opening(day);
      Instant closes = closing(day);
      if (days.contains(day.getDayOfWeek()) && !now.isBefore(opens) && now.isBefore(closes)) {
        return Optional.of(closes);
      }
    }
    return Optional.empty();
  }

  /** The first time the window opens after {@code now} (or at {@code now}). */
  public Instant nextOpening(Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
      if (days.contains(day.getDayOfWeek()) && !opening(day).isBefore(now)) {
        return opening(day);
      }
    }
    throw new IllegalStateException("A window with days opens within 8 days");
  }

  /** How long the window opening on {@code day} lasts. */
  Duration length(Instant opening) {
    LocalDate day = opening.atZone(zone).toLocalDate();
    return Duration.between(opening(day), closing(day));
  }

  private Instant opening(LocalDate day) {
    return ZonedDateTime.of(day, start, zone).toInstant();
  }

  private Instant closing(LocalDate day) {
    LocalDate closingDay = end.isAfter(start) ? day : day.plusDays(1);
    return ZonedDateTime.of(closingDay, end, zone).toInstant();
  }
}
