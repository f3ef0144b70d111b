package io.patchbay.campaign.postgres;

import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.JournalSnapshot;
import io.patchbay.campaign.WaveReport;
import io.patchbay.campaign.WaveVerdict;
import io.patchbay.internal.Untrusted;
import io.patchbay.report.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the campaign's rows back into Patchbay's values, checking each: a value Patchbay never
 * writes (an unknown status, a wave out of range, a negative count) is a {@link
 * CampaignStoreException}, not a guess.
 */
final class Snapshots {

  private Snapshots() {}

  /** The whole campaign as recorded, for status commands. */
  static JournalSnapshot read(Connection connection, String campaign) throws SQLException {
    CampaignReport.State finished;
    long serial;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT catalog_serial, finished FROM patchbay_campaign WHERE name = ?")) {
      select.setString(1, campaign);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return new JournalSnapshot(false, 0, List.of(), Map.of(), Set.of(), null);
        }
        serial = row.getLong(1);
        String end = row.getString(2);
        finished = end == null ? null : parse(CampaignReport.State.class, end, "finished");
      }
    }
    int count = waveCount(connection, campaign);
    List<List<String>> ids = new ArrayList<>();
    List<WaveVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(new ArrayList<>());
      verdicts.add(null);
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT wave, decision, reason FROM patchbay_wave WHERE campaign = ?")) {
      select.setString(1, campaign);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          verdicts.set(wave(rows.getInt(1), count), verdict(rows.getString(2), rows.getString(3)));
        }
      }
    }
    Set<String> inFlight = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT wave, client_id, status IS NULL AND step IS NOT NULL FROM patchbay_client"
                + " WHERE campaign = ? ORDER BY wave, position")) {
      select.setString(1, campaign);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.get(wave(rows.getInt(1), count)).add(rows.getString(2));
          if (rows.getBoolean(3)) {
            inFlight.add(rows.getString(2));
          }
        }
      }
    }
    Map<String, ClientOutcome> done = new LinkedHashMap<>();
    List<JournalSnapshot.Wave> waves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      WaveVerdict verdict = verdicts.get(i);
      waves.add(
          new JournalSnapshot.Wave(
              i,
              ids.get(i),
              verdict == null ? null : verdict.decision(),
              verdict == null ? null : verdict.reason()));
      Map<String, ClientOutcome> wave = new LinkedHashMap<>();
      outcomes(connection, campaign, i, outcome -> wave.put(outcome.clientId(), outcome));
      for (String id : ids.get(i)) {
        ClientOutcome outcome = wave.get(id);
        if (outcome != null) {
          done.put(id, outcome);
        }
      }
    }
    return new JournalSnapshot(true, serial, waves, done, inFlight, finished);
  }

  static int waveCount(Connection connection, String campaign) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT count(*) FROM patchbay_wave WHERE campaign = ?")) {
      select.setString(1, campaign);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Math.toIntExact(row.getLong(1));
      }
    }
  }

  /** The recorded outcomes of one wave, each told to {@code sink}. */
  static void outcomes(
      Connection connection, String campaign, int wave, Consumer<ClientOutcome> sink)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT client_id, status, attempts, failed_step, reason, anomalies,"
                + " bytes_to_client, elapsed_millis FROM patchbay_client"
                + " WHERE campaign = ? AND wave = ? AND status IS NOT NULL")) {
      select.setString(1, campaign);
      select.setInt(2, wave);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String failedStep = rows.getString(4);
          sink.accept(
              new ClientOutcome(
                  rows.getString(1),
                  DirectoryEntry.DEFAULT_GROUP,
                  wave,
                  parse(ClientOutcome.Status.class, rows.getString(2), "status"),
                  count(rows.getInt(3), "attempts"),
                  failedStep == null ? null : parse(Step.class, failedStep, "failed_step"),
                  rows.getString(5),
                  count(rows.getInt(6), "anomalies"),
                  count(rows.getLong(7), "bytes_to_client"),
                  Duration.ofMillis(count(rows.getLong(8), "elapsed_millis")),
                  true));
        }
      }
    }
  }

  /** A recorded verdict, or {@code null} if none is. */
  static WaveVerdict verdict(String decision, String reason) {
    if (decision == null) {
      return null;
    }
    WaveReport.Decision parsed = parse(WaveReport.Decision.class, decision, "decision");
    return new WaveVerdict(parsed, reason == null ? parsed.name() : reason);
  }

  /** Checks a wave number read from the database. */
  static int wave(int wave, int count) {
    if (wave < 0 || wave >= count) {
      throw new CampaignStoreException(
          "The campaign store names wave " + wave + " of a campaign with " + count + " waves");
    }
    return wave;
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value, String column) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CampaignStoreException(
          "The campaign store holds "
              + column
              + " "
              + (value == null ? "null" : Untrusted.quote(value))
              + ", which Patchbay never writes");
    }
  }

  private static <N extends Number> N count(N value, String column) {
    if (value.longValue() < 0) {
      throw new CampaignStoreException(
          "The campaign store holds a negative " + column + ": " + value);
    }
    return value;
  }
}
