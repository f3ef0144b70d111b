package io.patchbay.campaign.postgres;

import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.CampaignState;
import io.patchbay.campaign.ClientLeaseLostException;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.WaveVerdict;
import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.report.Step;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's access to a campaign in PostgreSQL. Every call is one short transaction, retried
 * through an outage by {@link Connections}, and written so that running it twice (a commit cut off
 * may have committed) does no harm.
 *
 * <p>Leases are fenced by the owner column: a step, an outcome or a release changes the client's
 * row only while this worker owns it, in a statement that takes the row's lock, so a worker whose
 * lease expired and was taken learns it at its next step, which is then not acted on. A lease taken
 * in a commit that was cut off is unknown here, so it is never renewed and expires.
 *
 * <p>The error limit is strict across workers: a lease reads the wave's failure count {@code FOR
 * SHARE}, and an outcome that fails increments it with an update of the same row, so no lease
 * commits on a count that a committed failure already exceeded.
 *
 * <p>A wave's verdict is decided by the first worker that finds the wave settled, with an update
 * that applies only while no verdict is recorded, and every worker reads the recorded one. Once a
 * wave is settled its verdict cannot change: all its clients have outcomes, or its failures are
 * over the limit, which later outcomes cannot lower.
 *
 * <p>One thread renews this worker's leases every third of the lease duration and reads the command
 * an operator or another worker gave, for {@link #watch}.
 */
final class PostgresCampaignState implements CampaignState {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresCampaignState.class);
  private static final int MAX_TEXT = 2000;

  private final Connections connections;
  private final String campaign;
  private final String workerId;
  private final long leaseMillis;
  private final Duration pollInterval;
  private final Set<String> leased = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread heartbeat;
  private volatile Consumer<Command> listener;
  // The command last obeyed or shared here; guarded by this.
  private Command lastCommand = Command.RESUME;

  PostgresCampaignState(
      Connections connections,
      String campaign,
      String workerId,
      Duration leaseDuration,
      Duration pollInterval) {
    this.connections = connections;
    this.campaign = campaign;
    this.workerId = workerId;
    this.leaseMillis = leaseDuration.toMillis();
    this.pollInterval = pollInterval;
    this.heartbeat = DaemonThreads.start("patchbay-campaign-leases", this::beat);
  }

  @Override
  public Plan begin(long catalogSerial, String catalogFingerprint, List<List<String>> proposed)
      throws IOException {
    Plan plan = record(catalogSerial, catalogFingerprint, proposed);
    // A worker that joins a paused or cancelled campaign obeys before it leases anything.
    obeyCommand();
    return plan;
  }

  private Plan record(long catalogSerial, String catalogFingerprint, List<List<String>> proposed)
      throws IOException {
    return connections.run(
        "recording the campaign's waves",
        connection ->
            transaction(
                connection,
                () -> {
                  try (PreparedStatement insert =
                      connection.prepareStatement(
                          "INSERT INTO patchbay_campaign (name, catalog_serial, catalog_fingerprint)"
                              + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                    insert.setString(1, campaign);
                    insert.setLong(2, catalogSerial);
                    insert.setString(3, catalogFingerprint);
                    if (insert.executeUpdate() == 1) {
                      insertWaves(connection, proposed);
                      return new Plan(proposed, false);
                    }
                  }
                  return recordedPlan(connection, catalogSerial, catalogFingerprint);
                }));
  }

  private void insertWaves(Connection connection, List<List<String>> waves) throws SQLException {
    try (PreparedStatement wave =
            connection.prepareStatement(
                "INSERT INTO patchbay_wave (campaign, wave, size) VALUES (?, ?, ?)");
        PreparedStatement client =
            connection.prepareStatement(
                "INSERT INTO patchbay_client (campaign, client_id, wave, position)"
                    + " VALUES (?, ?, ?, ?)")) {
      int position = 0;
      for (int index = 0; index < waves.size(); index++) {
        wave.setString(1, campaign);
        wave.setInt(2, index);
        wave.setInt(3, waves.get(index).size());
        wave.addBatch();
        for (String id : waves.get(index)) {
          client.setString(1, campaign);
          client.setString(2, id);
          client.setInt(3, index);
          client.setInt(4, position++);
          client.addBatch();
        }
      }
      wave.executeBatch();
      client.executeBatch();
    }
  }

  private Plan recordedPlan(Connection connection, long catalogSerial, String catalogFingerprint)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT catalog_serial, catalog_fingerprint FROM patchbay_campaign WHERE name = ?")) {
      select.setString(1, campaign);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        if (row.getLong(1) != catalogSerial || !catalogFingerprint.equals(row.getString(2))) {
          throw new CampaignStoreException(
              "The campaign store holds campaign "
                  + campaign
                  + " for catalog serial "
                  + row.getLong(1)
                  + ", but the head end now serves serial "
                  + catalogSerial
                  + " with other content; start a campaign with another name");
        }
      }
    }
    int waves = Snapshots.waveCount(connection, campaign);
    List<List<String>> recorded = new ArrayList<>(waves);
    for (int i = 0; i < waves; i++) {
      recorded.add(new ArrayList<>());
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT wave, client_id FROM patchbay_client WHERE campaign = ?"
                + " ORDER BY wave, position")) {
      select.setString(1, campaign);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          recorded.get(Snapshots.wave(rows.getInt(1), waves)).add(rows.getString(2));
        }
      }
    }
    return new Plan(recorded, true);
  }

  @Override
  public WaveVerdict verdict(int wave) throws IOException {
    return connections.run(
        "reading wave " + wave + "'s verdict",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT decision, reason FROM patchbay_wave WHERE campaign = ? AND wave = ?")) {
            select.setString(1, campaign);
            select.setInt(2, wave);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Snapshots.verdict(row.getString(1), row.getString(2)) : null;
            }
          }
        });
  }

  @Override
  public Map<String, ClientOutcome> outcomes(int wave) throws IOException {
    return connections.run(
        "reading wave " + wave + "'s outcomes",
        connection -> {
          Map<String, ClientOutcome> outcomes = new HashMap<>();
          Snapshots.outcomes(
              connection, campaign, wave, outcome -> outcomes.put(outcome.clientId(), outcome));
          return outcomes;
        });
  }

  @Override
  public String lease(int wave, List<String> order, int maxFailures) throws IOException {
    String id =
        connections.run(
            "leasing a client of wave " + wave,
            connection ->
                transaction(
                    connection,
                    () -> {
                      try (PreparedStatement failures =
                          connection.prepareStatement(
                              "SELECT failed FROM patchbay_wave WHERE campaign = ? AND wave = ?"
                                  + " FOR SHARE")) {
                        failures.setString(1, campaign);
                        failures.setInt(2, wave);
                        try (ResultSet row = failures.executeQuery()) {
                          if (!row.next() || row.getInt(1) > maxFailures) {
                            return null;
                          }
                        }
                      }
                      String free;
                      try (PreparedStatement select =
                          connection.prepareStatement(
                              "SELECT client_id FROM patchbay_client"
                                  + " WHERE campaign = ? AND wave = ? AND status IS NULL"
                                  + " AND (lease_owner IS NULL OR lease_expires < now())"
                                  + " ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                        select.setString(1, campaign);
                        select.setInt(2, wave);
                        try (ResultSet row = select.executeQuery()) {
                          if (!row.next()) {
                            return null;
                          }
                          free = row.getString(1);
                        }
                      }
                      try (PreparedStatement take =
                          connection.prepareStatement(
                              "UPDATE patchbay_client SET lease_owner = ?,"
                                  + " lease_expires = now() + ? * interval '1 millisecond',"
                                  + " leases = leases + 1"
                                  + " WHERE campaign = ? AND client_id = ?")) {
                        take.setString(1, workerId);
                        take.setLong(2, leaseMillis);
                        take.setString(3, campaign);
                        take.setString(4, free);
                        take.executeUpdate();
                      }
                      return free;
                    }));
    if (id != null) {
      leased.add(id);
    }
    return id;
  }

  @Override
  public boolean settled(int wave, int maxFailures) throws IOException {
    return connections.run(
        "asking whether wave " + wave + " is over",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT w.failed,"
                      + " count(c.client_id) FILTER (WHERE c.status IS NULL),"
                      + " count(c.client_id) FILTER (WHERE c.status IS NULL"
                      + "   AND c.lease_owner IS NOT NULL AND c.lease_expires >= now())"
                      + " FROM patchbay_wave w LEFT JOIN patchbay_client c"
                      + "   ON c.campaign = w.campaign AND c.wave = w.wave"
                      + " WHERE w.campaign = ? AND w.wave = ? GROUP BY w.failed")) {
            select.setString(1, campaign);
            select.setInt(2, wave);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return true;
              }
              int failed = row.getInt(1);
              long open = row.getLong(2);
              long live = row.getLong(3);
              return open == 0 || (failed > maxFailures && live == 0);
            }
          }
        });
  }

  @Override
  public Duration pollInterval() {
    return pollInterval;
  }

  @Override
  public void step(String clientId, Step step, String fileName, int attempt) throws IOException {
    int updated =
        connections.run(
            "recording " + step + " of client " + clientId,
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE patchbay_client SET step = ?, step_file = ?, step_attempt = ?,"
                          + " step_at = now(), lease_expires = now() + ? * interval '1 millisecond'"
                          + " WHERE campaign = ? AND client_id = ? AND lease_owner = ?"
                          + " AND status IS NULL")) {
                update.setString(1, step.name());
                update.setString(2, fileName);
                update.setInt(3, attempt);
                update.setLong(4, leaseMillis);
                update.setString(5, campaign);
                update.setString(6, clientId);
                update.setString(7, workerId);
                return update.executeUpdate();
              }
            });
    if (updated == 0) {
      leased.remove(clientId);
      throw new ClientLeaseLostException(clientId, workerId);
    }
  }

  @Override
  public void clientDone(ClientOutcome outcome) throws IOException {
    boolean recorded =
        connections.run(
            "recording the outcome of client " + outcome.clientId(),
            connection ->
                transaction(
                    connection,
                    () -> {
                      Integer wave;
                      try (PreparedStatement update =
                          connection.prepareStatement(
                              "UPDATE patchbay_client SET status = ?, attempts = ?,"
                                  + " failed_step = ?, reason = ?, anomalies = ?,"
                                  + " bytes_to_client = ?, elapsed_millis = ?, done_by = ?,"
                                  + " done_at = now(), lease_owner = NULL, lease_expires = NULL"
                                  + " WHERE campaign = ? AND client_id = ? AND lease_owner = ?"
                                  + " AND status IS NULL RETURNING wave")) {
                        update.setString(1, outcome.status().name());
                        update.setInt(2, outcome.attempts());
                        update.setString(
                            3, outcome.failedStep() == null ? null : outcome.failedStep().name());
                        update.setString(4, bounded(outcome.reason()));
                        update.setInt(5, outcome.anomalies());
                        update.setLong(6, outcome.bytesToClient());
                        update.setLong(7, outcome.elapsed().toMillis());
                        update.setString(8, workerId);
                        update.setString(9, campaign);
                        update.setString(10, outcome.clientId());
                        update.setString(11, workerId);
                        try (ResultSet row = update.executeQuery()) {
                          wave = row.next() ? row.getInt(1) : null;
                        }
                      }
                      if (wave != null && outcome.status() == ClientOutcome.Status.FAILED) {
                        try (PreparedStatement failed =
                            connection.prepareStatement(
                                "UPDATE patchbay_wave SET failed = failed + 1"
                                    + " WHERE campaign = ? AND wave = ?")) {
                          failed.setString(1, campaign);
                          failed.setInt(2, wave);
                          failed.executeUpdate();
                        }
                      }
                      return wave != null;
                    }));
    leased.remove(outcome.clientId());
    if (!recorded) {
      LOG.warn(
          "Worker {} lost its lease on client {}: its outcome {} is not recorded, the worker that"
              + " holds the lease now decides",
          workerId,
          outcome.clientId(),
          outcome.status());
    }
  }

  @Override
  public void release(String clientId) throws IOException {
    connections.run("releasing client " + clientId, connection -> release(connection, clientId));
  }

  private int release(Connection connection, String clientId) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE patchbay_client SET lease_owner = NULL, lease_expires = NULL"
                + " WHERE campaign = ? AND client_id = ? AND lease_owner = ?"
                + " AND status IS NULL")) {
      update.setString(1, campaign);
      update.setString(2, clientId);
      update.setString(3, workerId);
      int released = update.executeUpdate();
      leased.remove(clientId);
      return released;
    }
  }

  @Override
  public WaveVerdict decide(int wave, WaveVerdict verdict) throws IOException {
    return connections.run(
        "recording wave " + wave + "'s verdict",
        connection ->
            transaction(
                connection,
                () -> {
                  try (PreparedStatement update =
                      connection.prepareStatement(
                          "UPDATE patchbay_wave SET decision = ?, reason = ?, decided_by = ?,"
                              + " decided_at = now()"
                              + " WHERE campaign = ? AND wave = ? AND decision IS NULL")) {
                    update.setString(1, verdict.decision().name());
                    update.setString(2, bounded(verdict.reason()));
                    update.setString(3, workerId);
                    update.setString(4, campaign);
                    update.setInt(5, wave);
                    update.executeUpdate();
                  }
                  try (PreparedStatement select =
                      connection.prepareStatement(
                          "SELECT decision, reason FROM patchbay_wave"
                              + " WHERE campaign = ? AND wave = ?")) {
                    select.setString(1, campaign);
                    select.setInt(2, wave);
                    try (ResultSet row = select.executeQuery()) {
                      if (!row.next()) {
                        throw new CampaignStoreException(
                            "The campaign store lost wave " + wave + " of campaign " + campaign);
                      }
                      return Snapshots.verdict(row.getString(1), row.getString(2));
                    }
                  }
                }));
  }

  @Override
  public void finished(CampaignReport.State state) throws IOException {
    connections.run(
        "recording the campaign's end",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE patchbay_campaign SET finished = ? WHERE name = ? AND finished IS NULL")) {
            update.setString(1, state.name());
            update.setString(2, campaign);
            return update.executeUpdate();
          }
        });
  }

  @Override
  public void share(Command command) throws IOException {
    synchronized (this) {
      lastCommand = command;
    }
    connections.run("sharing " + command, connection -> command(connection, campaign, command));
  }

  /** Records {@code command} for every worker of {@code campaign}; returns the rows changed. */
  static int command(Connection connection, String campaign, Command command) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE patchbay_campaign SET command = ? WHERE name = ?")) {
      update.setString(1, command.name());
      update.setString(2, campaign);
      return update.executeUpdate();
    }
  }

  @Override
  public void watch(Consumer<Command> listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    closing.countDown();
    // Its waits (the latch, a pause between retries) end on an interrupt; a statement it runs
    // ends within the socket timeout.
    heartbeat.interrupt();
    boolean interrupted = false;
    while (heartbeat.isAlive()) {
      try {
        heartbeat.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    // Leases still held belong to clients cut off by a cancel or a failure: give them back now
    // rather than make other workers wait for them to expire.
    for (String id : List.copyOf(leased)) {
      try {
        connections.once(connection -> release(connection, id));
      } catch (SQLException e) {
        LOG.warn("Could not release client {}; its lease expires by itself", id, e);
      }
    }
    connections.close();
  }

  /** The heartbeat: renews this worker's leases and reads the command in force, until closed. */
  private void beat() {
    Duration every = Duration.ofMillis(Math.max(10, leaseMillis / 3));
    try {
      do {
        try {
          renew();
          obeyCommand();
        } catch (InterruptedIOException e) {
          return; // closing
        } catch (IOException | RuntimeException e) {
          // Leases that cannot be renewed expire; the steps they guard then fail, fenced.
          LOG.warn("Campaign store: could not renew the leases of worker {}", workerId, e);
        }
      } while (!closing.await(every.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      // close() interrupts it: it ends.
    }
  }

  private void renew() throws IOException {
    if (leased.isEmpty()) {
      return;
    }
    String[] ids = leased.toArray(String[]::new);
    connections.run(
        "renewing leases",
        connection -> {
          Array array = connection.createArrayOf("text", ids);
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE patchbay_client"
                      + " SET lease_expires = now() + ? * interval '1 millisecond'"
                      + " WHERE campaign = ? AND lease_owner = ? AND status IS NULL"
                      + " AND client_id = ANY (?)")) {
            update.setLong(1, leaseMillis);
            update.setString(2, campaign);
            update.setString(3, workerId);
            update.setArray(4, array);
            return update.executeUpdate();
          } finally {
            array.free();
          }
        });
  }

  /** Tells the listener the command in force if it changed since last told. */
  private void obeyCommand() throws IOException {
    Command command = readCommand();
    Consumer<Command> told = listener;
    if (told == null || command == null) {
      return;
    }
    // Told under the lock, so that a command is obeyed once and before begin() returns, even when
    // the heartbeat reads it at the same moment; obeying only sets the campaign's flags.
    synchronized (this) {
      if (command != lastCommand) {
        lastCommand = command;
        told.accept(command);
      }
    }
  }

  private Command readCommand() throws IOException {
    return connections.run(
        "reading the campaign's command",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT command FROM patchbay_campaign WHERE name = ?")) {
            select.setString(1, campaign);
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Snapshots.parse(Command.class, row.getString(1), "command")
                  : null;
            }
          }
        });
  }

  /** A body of statements run in one transaction. */
  @FunctionalInterface
  private interface Body<T> {
    T run() throws SQLException;
  }

  /** Runs {@code body} in one transaction on {@code connection}, which is left in autocommit. */
  private static <T> T transaction(Connection connection, Body<T> body) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = body.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static String bounded(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
  }
}
