package io.patchbay.campaign.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema at start: versioned scripts ({@code V<n>__<what>.sql} beside this
 * class), each applied once, in order, and noted in {@code patchbay_schema_version}. Every worker
 * runs it when it opens the store; an advisory lock held for the transaction makes the workers that
 * start together apply each script once, and a failed script leaves the schema as it was
 * (PostgreSQL's DDL is transactional).
 */
final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** The scripts, in version order: the list only grows, and a script never changes once out. */
  static final List<String> SCRIPTS = List.of("V1__campaign_state.sql");

  /** Any constant that no other user of the database takes: "patchbay" in ASCII. */
  private static final long LOCK = 0x7061746368626179L;

  private Migrations() {}

  /**
   * Brings the schema to the latest version, in one transaction on {@code connection}.
   *
   * @return the version the schema is at
   * @throws CampaignStoreException if the schema is newer than this library knows
   */
  static int apply(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS patchbay_schema_version ("
              + "version integer PRIMARY KEY, script text NOT NULL, "
              + "applied_at timestamptz NOT NULL DEFAULT now())");
      int current;
      try (ResultSet rows =
          statement.executeQuery("SELECT coalesce(max(version), 0) FROM patchbay_schema_version")) {
        rows.next();
        current = rows.getInt(1);
      }
      if (current > SCRIPTS.size()) {
        throw new CampaignStoreException(
            "The database's campaign schema is at version "
                + current
                + ", newer than this Patchbay knows ("
                + SCRIPTS.size()
                + "): upgrade Patchbay");
      }
      for (int version = current + 1; version <= SCRIPTS.size(); version++) {
        String script = SCRIPTS.get(version - 1);
        statement.execute(read(script));
        try (PreparedStatement noted =
            connection.prepareStatement(
                "INSERT INTO patchbay_schema_version (version, script) VALUES (?, ?)")) {
          noted.setInt(1, version);
          noted.setString(2, script);
          noted.executeUpdate();
        }
        LOG.info("Campaign schema upgraded to version {} ({})", version, script);
      }
      connection.commit();
      return SCRIPTS.size();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("Migration " + script + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Migration " + script + " cannot be read", e);
    }
  }
}
