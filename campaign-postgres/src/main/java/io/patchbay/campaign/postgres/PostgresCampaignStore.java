package io.patchbay.campaign.postgres;

import io.patchbay.campaign.CampaignState;
import io.patchbay.campaign.CampaignStore;
import io.patchbay.campaign.JournalSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

/**
 * A {@link CampaignStore} in PostgreSQL, for several gateway processes over one campaign: each
 * process is a worker that leases the clients it updates ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED}), renews its leases while it works on them, and records every step and outcome; a worker
 * that dies leaves leases that expire, and another worker takes the client, interrogates it again
 * and plans from its real state. A wave's verdict is recorded once, for all workers; pause, resume
 * and cancel given to one worker (or with {@link #command}) reach all of them.
 *
 * <p>The schema is created and upgraded at {@link #open()} by versioned migrations. Every call goes
 * through an outage of the server (a restart, a network drop) by retrying on a new connection for
 * up to {@link Builder#outageLimit}; only then does the campaign stop. Thread-safe.
 *
 * <pre>{@code
 * CampaignStore store = PostgresCampaignStore.builder()
 *     .url("jdbc:postgresql://db.example:5432/patchbay")
 *     .user("patchbay").password(secret)
 *     .campaign("epg-2026-12")
 *     .build();
 * Campaign.builder()...store(store).build().run();
 * }</pre>
 */
public final class PostgresCampaignStore implements CampaignStore {

  private final String url;
  private final String user;
  private final char[] password;
  private final String campaign;
  private final String workerId;
  private final Duration leaseDuration;
  private final Duration pollInterval;
  private final Duration outageLimit;
  private final int maxConnections;
  private final Duration connectTimeout;
  private final Duration socketTimeout;

  private PostgresCampaignStore(Builder builder) {
    this.url = Objects.requireNonNull(builder.url, "url");
    this.user = builder.user;
    this.password = builder.password;
    this.campaign = Objects.requireNonNull(builder.campaign, "campaign");
    this.workerId = builder.workerId != null ? builder.workerId : defaultWorkerId();
    this.leaseDuration = builder.leaseDuration;
    this.pollInterval = builder.pollInterval;
    this.outageLimit = builder.outageLimit;
    this.maxConnections = builder.maxConnections;
    this.connectTimeout = builder.connectTimeout;
    this.socketTimeout = builder.socketTimeout;
  }

  /** Starts configuring a store. */
  public static Builder builder() {
    return new Builder();
  }

  /** The id this process's leases carry. */
  public String workerId() {
    return workerId;
  }

  /** The campaign's name: one database holds any number of campaigns. */
  public String campaign() {
    return campaign;
  }

  /**
   * Connects, brings the schema to the current version, and starts renewing this worker's leases.
   *
   * @throws IOException if the server stays unreachable past the outage limit
   * @throws CampaignStoreException if the schema is newer than this library
   */
  @Override
  public CampaignState open() throws IOException {
    Connections connections = connections();
    try {
      connections.run("upgrading the schema", Migrations::apply);
      return new PostgresCampaignState(
          connections, campaign, workerId, leaseDuration, pollInterval);
    } catch (IOException | RuntimeException e) {
      connections.close();
      throw e;
    }
  }

  /**
   * Gives every worker of the campaign {@code command}, as an operator would from the command line:
   * {@link CampaignState.Command#RESUME} also lifts a cancel, so that a cancelled campaign can be
   * run again.
   *
   * @throws IOException if the server stays unreachable past the outage limit, or the database
   *     holds no such campaign
   */
  public void command(CampaignState.Command command) throws IOException {
    Objects.requireNonNull(command, "command");
    try (Connections connections = connections()) {
      connections.run("upgrading the schema", Migrations::apply);
      int updated =
          connections.run(
              "sharing " + command,
              connection -> PostgresCampaignState.command(connection, campaign, command));
      if (updated == 0) {
        throw new IOException("The campaign store holds no campaign " + campaign);
      }
    }
  }

  /**
   * Reads what the database records of the campaign so far, for status commands: as {@link
   * JournalSnapshot#read} does for a journal file.
   *
   * @throws IOException if the server stays unreachable past the outage limit
   */
  public JournalSnapshot snapshot() throws IOException {
    try (Connections connections = connections()) {
      connections.run("upgrading the schema", Migrations::apply);
      return connections.run(
          "reading the campaign", connection -> Snapshots.read(connection, campaign));
    }
  }

  private Connections connections() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", new String(password));
    }
    properties.setProperty("connectTimeout", Long.toString(seconds(connectTimeout)));
    properties.setProperty("loginTimeout", Long.toString(seconds(connectTimeout)));
    properties.setProperty("socketTimeout", Long.toString(seconds(socketTimeout)));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("reWriteBatchedInserts", "true");
    properties.setProperty("ApplicationName", "patchbay " + workerId);
    return new Connections(url, properties, maxConnections, outageLimit);
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  private static String defaultWorkerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Configures a {@link PostgresCampaignStore}; not thread-safe. */
  public static final class Builder {
    private static final int MAX_NAME = 200;

    private String url;
    private String user;
    private char[] password;
    private String campaign;
    private String workerId;
    private Duration leaseDuration = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration outageLimit = Duration.ofMinutes(5);
    private int maxConnections = 4;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * The server and database, as {@code jdbc:postgresql://host:port/database} with any of the
     * driver's options except credentials, which go to {@link #user} and {@link #password}.
     * Required.
     *
     * @throws IllegalArgumentException if it is not a PostgreSQL URL or carries a password
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("Not a jdbc:postgresql: URL: " + redacted(url));
      }
      if (url.toLowerCase(Locale.ROOT).contains("password=")) {
        throw new IllegalArgumentException(
            "The store URL must not carry a password; give it apart: " + redacted(url));
      }
      this.url = url;
      return this;
    }

    /** The database user; defaults to the driver's default (the system user). */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user);
      return this;
    }

    /** The user's password; copied. Defaults to none (trust or peer authentication). */
    public Builder password(char[] password) {
      this.password = Arrays.copyOf(password, password.length);
      return this;
    }

    /**
     * The campaign's name: every worker of one campaign gives the same. 1 to 200 characters.
     * Required.
     */
    public Builder campaign(String name) {
      Objects.requireNonNull(name, "campaign");
      if (name.isBlank() || name.length() > MAX_NAME) {
        throw new IllegalArgumentException(
            "A campaign name has 1 to " + MAX_NAME + " characters: " + name.length());
      }
      this.campaign = name;
      return this;
    }

    /**
     * What this worker's leases carry; unique per process. Defaults to host name, process id and a
     * random part.
     */
    public Builder workerId(String workerId) {
      Objects.requireNonNull(workerId, "workerId");
      if (workerId.isBlank() || workerId.length() > MAX_NAME) {
        throw new IllegalArgumentException(
            "A worker id has 1 to " + MAX_NAME + " characters: " + workerId.length());
      }
      this.workerId = workerId;
      return this;
    }

    /**
     * How long a lease lasts without renewal; a worker renews its leases three times as often. This
     * is how long a dead worker's clients wait before another worker takes them. At least 1 s;
     * defaults to 30 s.
     */
    public Builder leaseDuration(Duration duration) {
      this.leaseDuration = atLeast(duration, Duration.ofSeconds(1), "leaseDuration");
      return this;
    }

    /**
     * How often a worker with nothing to lease asks whether its wave is over. At least 10 ms;
     * defaults to 1 s.
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = atLeast(interval, Duration.ofMillis(10), "pollInterval");
      return this;
    }

    /**
     * How long a worker waits through an outage of the server before it stops its campaign (which
     * can be resumed). Defaults to 5 min.
     */
    public Builder outageLimit(Duration limit) {
      this.outageLimit = atLeast(limit, Duration.ZERO, "outageLimit");
      return this;
    }

    /** The most connections this worker opens at once, 1 to 100; defaults to 4. */
    public Builder maxConnections(int connections) {
      if (connections < 1 || connections > 100) {
        throw new IllegalArgumentException("maxConnections must be 1 to 100: " + connections);
      }
      this.maxConnections = connections;
      return this;
    }

    /** How long to wait for a connection and its login; at least 1 s, defaults to 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = atLeast(timeout, Duration.ofSeconds(1), "connectTimeout");
      return this;
    }

    /**
     * How long one statement may wait for the server before its connection counts as broken (and
     * the statement is retried on a new one); at least 1 s, defaults to 60 s.
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = atLeast(timeout, Duration.ofSeconds(1), "socketTimeout");
      return this;
    }

    /**
     * Builds the store; connects only at {@link #open()}.
     *
     * @throws NullPointerException if the URL or the campaign is missing
     */
    public PostgresCampaignStore build() {
      return new PostgresCampaignStore(this);
    }

    private static Duration atLeast(Duration value, Duration least, String what) {
      Objects.requireNonNull(value, what);
      if (value.compareTo(least) < 0) {
        throw new IllegalArgumentException(what + " must be at least " + least + ": " + value);
      }
      return value;
    }

    private static String redacted(String url) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query) + "?...";
    }
  }
}
