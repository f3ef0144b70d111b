package io.patchbay.campaign.postgres;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's connections to PostgreSQL, at most a fixed number at once, and its one policy on an
 * outage: an operation that fails because the server cannot be reached (it restarts, the network
 * drops) throws its connection away and runs again on a new one, after a growing pause, until the
 * outage has lasted longer than the configured limit; then it throws. Any other SQL error throws at
 * once.
 *
 * <p>Operations must be safe to run again: one whose commit was cut off may have committed.
 */
final class Connections implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
  private static final Driver DRIVER = new Driver();

  private final String url;
  private final Properties properties;
  private final Duration outageLimit;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  /** One operation on a connection; it commits what it writes, or runs in autocommit. */
  @FunctionalInterface
  interface Operation<T> {
    T on(Connection connection) throws SQLException;
  }

  Connections(String url, Properties properties, int maxConnections, Duration outageLimit) {
    this.url = url;
    this.properties = properties;
    this.outageLimit = outageLimit;
    this.permits = new Semaphore(maxConnections);
  }

  /**
   * Runs {@code operation}, again through an outage up to the limit.
   *
   * @throws IOException if the server stays unreachable past the limit, or the operation fails
   * @throws InterruptedIOException if interrupted while waiting for a connection or between tries
   */
  <T> T run(String what, Operation<T> operation) throws IOException {
    long outageStarted = 0;
    Duration pause = FIRST_PAUSE;
    while (true) {
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for a database connection");
      }
      Connection connection = null;
      try {
        connection = borrow();
        T result = operation.on(connection);
        giveBack(connection);
        if (outageStarted != 0) {
          LOG.info("Campaign store reachable again: {} went through", what);
        }
        return result;
      } catch (SQLException e) {
        discard(connection);
        if (!isOutage(e)) {
          throw new IOException("Campaign store: " + what + " failed: " + e.getMessage(), e);
        }
        // The server went away: the idle connections are as dead as this one.
        discardIdle();
        long now = System.nanoTime();
        if (outageStarted == 0) {
          outageStarted = now;
          LOG.warn(
              "Campaign store unreachable ({}); retrying {} for up to {}", e, what, outageLimit);
        } else if (now - outageStarted > outageLimit.toNanos()) {
          throw new IOException(
              "Campaign store unreachable for more than " + outageLimit + ": " + what, e);
        }
      } catch (RuntimeException e) {
        discard(connection);
        throw e;
      } finally {
        permits.release();
      }
      try {
        TimeUnit.NANOSECONDS.sleep(pause.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for the campaign store");
      }
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  /**
   * Runs {@code operation} once, without waiting through an outage: for what a closing worker
   * tidies up, which may as well be left to expire.
   */
  <T> T once(Operation<T> operation) throws SQLException {
    Connection connection = borrow();
    try {
      T result = operation.on(connection);
      giveBack(connection);
      return result;
    } catch (SQLException | RuntimeException e) {
      discard(connection);
      throw e;
    }
  }

  /**
   * Tells whether {@code e} says the server could not be reached or went away, rather than that the
   * operation is wrong: SQLSTATE class 08 (connection exception), 57P01 to 57P03 (the server shuts
   * down, crashed or is starting), 53300 (too many connections) and 40001/40P01 (a serialization
   * failure or deadlock, which a retry resolves).
   */
  static boolean isOutage(SQLException e) {
    if (e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            || state.equals("53300")
            || state.equals("40001")
            || state.equals("40P01"));
  }

  private Connection borrow() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new IllegalStateException("The campaign store is closed");
      }
      Connection connection = idle.pollFirst();
      if (connection != null) {
        return connection;
      }
    }
    // The driver itself rather than DriverManager: a class path without it then fails at once,
    // not as the "No suitable driver" (SQLSTATE 08001) that would read as an outage.
    Connection connection = DRIVER.connect(url, properties);
    if (connection == null) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
    }
    return connection;
  }

  private void giveBack(Connection connection) {
    synchronized (idle) {
      if (!closed) {
        idle.addFirst(connection);
        return;
      }
    }
    discard(connection);
  }

  private static void discard(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Closing a broken connection failed", e);
    }
  }

  private void discardIdle() {
    synchronized (idle) {
      idle.forEach(Connections::discard);
      idle.clear();
    }
  }

  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
    }
    discardIdle();
  }
}
