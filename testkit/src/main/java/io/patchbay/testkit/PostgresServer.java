package io.patchbay.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 (Debian's) for a test: a cluster initialised in a temporary directory,
 * serving on a free loopback port with its socket in that directory, stopped and deleted by {@link
 * #close()}. As root (CI), initdb and the server run as the {@code postgres} user, since initdb
 * refuses root. A missing installation fails the test with {@link IllegalStateException}: it never
 * skips. {@link PerClass} gives all the tests of a class one server.
 */
public final class PostgresServer implements AutoCloseable {

  /** Where Debian's postgresql-15 puts its programs. */
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  /** The superuser initdb creates, with trust authentication on loopback. */
  public static final String USER = "patchbay";

  private final Path directory;
  private final int port;

  private PostgresServer(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /**
   * Initialises a cluster and starts it.
   *
   * @throws IllegalStateException if PostgreSQL 15 is not installed, or a program of it fails
   */
  public static PostgresServer start() throws IOException, InterruptedException {
    ProcessPeer.installed(BIN.resolve("pg_ctl"), "postgresql");
    Path directory =
        Files.createTempDirectory(
            "patchbay-pg",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    if (isRoot()) {
      run(List.of("chown", "postgres", directory.toString()), directory);
    }
    PostgresServer server = new PostgresServer(directory, ProcessPeer.freeTcpPort());
    server.pg(
        BIN.resolve("initdb").toString(),
        "-D",
        server.data(),
        "-A",
        "trust",
        "-U",
        USER,
        "--no-sync");
    server.startServer();
    return server;
  }

  /**
   * One server for all the tests of a class, started before the first and closed after the last:
   * {@code @RegisterExtension static final PostgresServer.PerClass POSTGRES = new
   * PostgresServer.PerClass();}, then {@code POSTGRES.server()} in the tests.
   */
  public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

    private PostgresServer server;

    /** An extension whose server starts before the tests of the class it is registered in. */
    public PerClass() {}

    /**
     * The running server.
     *
     * @throws IllegalStateException outside the tests of the class
     */
    public PostgresServer server() {
      if (server == null) {
        throw new IllegalStateException("The server runs only during the tests of its class");
      }
      return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      server = start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      // Null if start() failed in beforeAll, which JUnit reports.
      if (server != null) {
        try {
          server.close();
        } finally {
          server = null;
        }
      }
    }
  }

  /** The JDBC URL of the cluster's {@code postgres} database. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server again after {@link #stop()}, on the same port and data. */
  public void startServer() throws IOException, InterruptedException {
    pg(
        BIN.resolve("pg_ctl").toString(),
        "-D",
        data(),
        "-o",
        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory + " -c max_connections=60",
        "-l",
        directory.resolve("pg.log").toString(),
        "-w",
        "-t",
        "60",
        "start");
  }

  /** Stops the server (fast: sessions are cut off, committed work is kept). */
  public void stop() throws IOException, InterruptedException {
    pg(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  @Override
  public void close() throws IOException {
    try {
      if (Files.exists(Path.of(data(), "postmaster.pid"))) {
        stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while stopping PostgreSQL");
    } finally {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private String data() {
    return directory.resolve("data").toString();
  }

  private void pg(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (isRoot()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(line, directory);
  }

  private static void run(List<String> command, Path directory)
      throws IOException, InterruptedException {
    ProcessPeer.Finished finished = ProcessPeer.run(Duration.ofMinutes(2), directory, command);
    if (finished.exitCode() != 0) {
      throw new IllegalStateException(
          command + " exited " + finished.exitCode() + ": " + finished.output());
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
