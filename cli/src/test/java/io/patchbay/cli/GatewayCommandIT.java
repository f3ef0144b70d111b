package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay gateway} in its own process, with a head end and HTTP reference devices each in
 * theirs: it updates the devices, again when the head end publishes a new catalog, and a device
 * added to the clients file, all without a restart; it answers on its admin endpoint, and SIGTERM
 * stops it with exit code 0 within its grace period.
 */
class GatewayCommandIT {

  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path work;

  /** The content of {@code bin/player} in each version published. */
  private final Map<String, String> players = new HashMap<>();

  @Test
  void updatesDevicesAgainOnANewCatalogAndAddedClientsAndStopsCleanlyOnSigterm() throws Exception {
    Path headEndDir = work.resolve("head-end");
    publish(headEndDir, "2.0.0", 1);
    try (PatchbayJar.Server headEnd = PatchbayJar.serve("headend", "--dir", headEndDir.toString());
        PatchbayJar.Server stb1 = device("stb-1");
        PatchbayJar.Server stb2 = device("stb-2");
        PatchbayJar.Server stb3 = device("stb-3")) {
      Path clients = work.resolve("clients.csv");
      replace(clients, "id,endpoint\nstb-1," + stb1.url() + "\nstb-2," + stb2.url() + "\n");
      Path config = config(headEnd.url());
      Path log = work.resolve("gateway.log");
      Process gateway = PatchbayJar.launch(log, "gateway", "--config", config.toString());
      try {
        URI admin = PatchbayJar.adminEndpoint(log, gateway, PATIENCE);

        awaitPlayer("stb-1", "2.0.0", log);
        awaitPlayer("stb-2", "2.0.0", log);

        publish(headEndDir, "3.0.0", 2);
        awaitPlayer("stb-1", "3.0.0", log);
        awaitPlayer("stb-2", "3.0.0", log);

        replace(clients, Files.readString(clients) + "stb-3," + stb3.url() + "\n");
        awaitPlayer("stb-3", "3.0.0", log);

        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () ->
                    assertThat(get(admin.resolve("status")).body())
                        .contains("\"serial\" : 2", "\"stb-3\" : \"updated\""));
        HttpResponse<String> health = get(admin.resolve("healthz"));
        HttpResponse<String> ready = get(admin.resolve("readyz"));
        HttpResponse<String> metrics = get(admin.resolve("metrics"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("patchbay_client_updates_total", "patchbay_catalog_serial 2.0");

        gateway.destroy(); // SIGTERM
        assertThat(gateway.waitFor(20 + 10, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        assertThat(gateway.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("patchbay gateway: stopped");
      } finally {
        gateway.destroyForcibly();
      }
    }
  }

  @Test
  void killedWithSigkillMidCampaignAndRestartedItResumesWithoutTouchingConfirmedClients()
      throws Exception {
    Path headEndDir = work.resolve("head-end");
    publish(headEndDir, "2.0.0", 1);
    Path journals = work.resolve("state/journal");
    try (PatchbayJar.Server headEnd = PatchbayJar.serve("headend", "--dir", headEndDir.toString());
        PatchbayJar.Server stb1 = device("stb-1")) {
      int port;
      Path config;
      Path player1 = work.resolve("stb-1/bin/player");
      FileTime updated;
      // stb-2, in the second wave, accepts connections and never answers until the restart.
      try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
        port = silent.getLocalPort();
        replace(
            work.resolve("clients.csv"),
            "id,endpoint\nstb-1," + stb1.url() + "\nstb-2,http://127.0.0.1:" + port + "\n");
        config = config(headEnd.url());
        Path log = work.resolve("gateway-1.log");
        Process gateway = PatchbayJar.launch(log, "gateway", "--config", config.toString());
        try {
          URI admin = PatchbayJar.adminEndpoint(log, gateway, PATIENCE);
          awaitPlayer("stb-1", "2.0.0", log);
          await()
              .atMost(PATIENCE)
              .until(
                  () -> get(admin.resolve("status")).body().contains("\"stb-2\" : \"updating\""));
          updated = Files.getLastModifiedTime(player1);
        } finally {
          gateway.destroyForcibly(); // SIGKILL
          gateway.waitFor();
        }
      }
      try (PatchbayJar.Server stb2 =
          PatchbayJar.serve(
              "device",
              "http",
              "--dir",
              work.resolve("stb-2").toString(),
              "--insecure",
              "--port",
              Integer.toString(port))) {
        assertThat(stb2.url()).as("stb-2 now answers where it hung").contains(":" + port);
        Path log = work.resolve("gateway-2.log");
        Process gateway = PatchbayJar.launch(log, "gateway", "--config", config.toString());
        try {
          awaitPlayer("stb-2", "2.0.0", log);
          await()
              .atMost(PATIENCE)
              .until(
                  () -> Files.readString(log).contains("serial 1 completed: 2 clients, 0 failed"));
        } finally {
          gateway.destroyForcibly();
        }
      }
      assertThat(Files.getLastModifiedTime(player1))
          .as("stb-1 was not updated again")
          .isEqualTo(updated);
      try (var files = Files.list(journals)) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .as("the restart resumed the campaign's journal, no other")
            .containsExactly("campaign-1.journal");
      }
    }
  }

  private Path config(String headEnd) throws IOException {
    return config(headEnd, "  file: clients.csv\n", "1s", "20s", "");
  }

  /**
   * The gateway's configuration: {@code clients} the lines of its {@code clients:} section, {@code
   * more} keys after the others.
   */
  private Path config(String headEnd, String clients, String more) throws IOException {
    return config(headEnd, clients, "1s", "20s", more);
  }

  private Path config(
      String headEnd, String clients, String pollInterval, String grace, String more)
      throws IOException {
    Path config = work.resolve("gateway.yaml");
    Files.writeString(
        config,
        """
        headEnd:
          catalog: %scatalog.json
          allowUnsigned: true   # a lab: the catalog is not signed
          pollInterval: %s
        clients:
        %sstateDir: state
        waves:
          canary: 1
        admin:
          enabled: true
          listen: 127.0.0.1:0
        shutdownGrace: %s
        %s"""
            .formatted(headEnd, pollInterval, clients, grace, more));
    return config;
  }

  @Test
  void devicesInADnsmasqLeaseFileAreUpdatedAndALeaseAppendedLaterToo() throws Exception {
    Path headEndDir = work.resolve("head-end");
    publish(headEndDir, "2.0.0", 1);
    // Each device on its own loopback address and one port, as DHCP clients on a LAN would be.
    try (PatchbayJar.Server headEnd = PatchbayJar.serve("headend", "--dir", headEndDir.toString());
        PatchbayJar.Server stb1 = device("stb-1", "127.0.0.2", 0)) {
      int port = URI.create(stb1.url()).getPort();
      try (PatchbayJar.Server stb2 = device("stb-2", "127.0.0.3", port);
          PatchbayJar.Server stb3 = device("stb-3", "127.0.0.4", port)) {
        assertThat(List.of(stb2.url(), stb3.url()))
            .as("the devices listen where their leases say")
            .containsExactly("http://127.0.0.3:" + port, "http://127.0.0.4:" + port);
        Path leases = work.resolve("dnsmasq.leases");
        long inAnHour = Instant.now().getEpochSecond() + 3600;
        Files.writeString(
            leases,
            inAnHour
                + " 52:54:00:00:00:01 127.0.0.2 stb-1 01:52:54:00:00:00:01\n"
                + "0 52:54:00:00:00:02 127.0.0.3 stb-2 *\n"
                + "1 52:54:00:00:00:09 127.0.0.9 gone *\n"); // expired in 1970: never reached
        Path config =
            config(
                headEnd.url(),
                """
                  leases:
                    - file: dnsmasq.leases
                      format: dnsmasq
                      endpoint: http://{ip}:%d
                """
                    .formatted(port),
                "");
        Path log = work.resolve("gateway.log");
        Process gateway = PatchbayJar.launch(log, "gateway", "--config", config.toString());
        try {
          URI admin = PatchbayJar.adminEndpoint(log, gateway, PATIENCE);
          awaitPlayer("stb-1", "2.0.0", log);
          awaitPlayer("stb-2", "2.0.0", log);
          assertThat(Files.readString(log))
              .contains("lease file " + leases + " read: 2 clients, 1 inactive, 0 skipped");

          Files.writeString(
              leases,
              inAnHour + " 52:54:00:00:00:03 127.0.0.4 stb-3 *\n",
              StandardOpenOption.APPEND);
          awaitPlayer("stb-3", "2.0.0", log);

          await()
              .atMost(PATIENCE)
              .untilAsserted(
                  () ->
                      assertThat(get(admin.resolve("status")).body())
                          .contains(
                              "\"52:54:00:00:00:01\" : \"updated\"",
                              "\"52:54:00:00:00:03\" : \"updated\""));
          assertThat(gateway.isAlive()).as("no restart").isTrue();
        } finally {
          gateway.destroyForcibly();
        }
      }
    }
  }

  @Test
  void sighupFetchesANewCatalogAtOnceWhateverThePollInterval() throws Exception {
    Path headEndDir = work.resolve("head-end");
    publish(headEndDir, "2.0.0", 1);
    try (PatchbayJar.Server headEnd = PatchbayJar.serve("headend", "--dir", headEndDir.toString());
        PatchbayJar.Server stb1 = device("stb-1")) {
      replace(work.resolve("clients.csv"), "id,endpoint\nstb-1," + stb1.url() + "\n");
      Path config = config(headEnd.url(), "  file: clients.csv\n", "1h", "20s", "");
      Path log = work.resolve("gateway.log");
      Process gateway = PatchbayJar.launch(log, "gateway", "--config", config.toString());
      try {
        awaitLog(log, gateway, "patchbay gateway: watching ");
        awaitPlayer("stb-1", "2.0.0", log);
        assertThat(Files.readString(log))
            .as("this test's JVM must not run with SIGHUP ignored (under nohup)")
            .doesNotContain("SIGHUP is ignored");

        publish(headEndDir, "3.0.0", 2);
        signal(gateway, "HUP");

        awaitPlayer("stb-1", "3.0.0", log);
        assertThat(Files.readString(log))
            .contains("patchbay gateway: woken: checking the head end");
        gateway.destroy();
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        assertThat(gateway.exitValue()).as(Files.readString(log)).isZero();
      } finally {
        gateway.destroyForcibly();
      }
    }
  }

  @Test
  void saysAtStartWhenSighupIsIgnoredAndCannotWakeIt() throws Exception {
    // Nothing answers at port 9: the warning comes before the first pass.
    replace(work.resolve("clients.csv"), "id,endpoint\n");
    Path config = config("http://127.0.0.1:9/", "  file: clients.csv\n", "1h", "20s", "");
    Path log = work.resolve("gateway.log");
    Process gateway =
        PatchbayJar.launchIgnoringHangUp(log, "gateway", "--config", config.toString());
    try {
      awaitLog(log, gateway, "patchbay gateway: watching ");

      assertThat(Files.readString(log))
          .contains(
              "patchbay gateway: SIGHUP is ignored in this process (started with nohup",
              "the catalog is fetched every PT1H");
    } finally {
      gateway.destroyForcibly();
    }
  }

  @Test
  void aSecondSigtermAbortsTransfersAtOnceTheDeviceKeepsItsOldFilesAndARestartCompletes()
      throws Exception {
    Path headEndDir = work.resolve("head-end");
    publish(headEndDir, "2.0.0", 1);
    try (PatchbayJar.Server headEnd = PatchbayJar.serve("headend", "--dir", headEndDir.toString());
        PatchbayJar.Server stb1 = device("stb-1")) {
      replace(work.resolve("clients.csv"), "id,endpoint\nstb-1," + stb1.url() + "\n");
      // 4 MiB at 64 KiB/s: a minute-long transfer, well inside a ten-minute grace.
      Path config =
          config(
              headEnd.url(), "  file: clients.csv\n", "1s", "10m", "limits:\n  bandwidth: 64k\n");
      Path log = work.resolve("gateway-1.log");
      Process gateway = PatchbayJar.launch(log, "gateway", "--config", config.toString());
      try {
        URI admin = PatchbayJar.adminEndpoint(log, gateway, PATIENCE);
        awaitPlayer("stb-1", "2.0.0", log);
        publish(headEndDir, "3.0.0", 2, 4 << 20);
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    get(admin.resolve("status"))
                        .body()
                        .matches(
                            "(?s).*\"serial\" : 2,\\s*\"state\" : \"running\".*"
                                + "\"stb-1\" : \"updating\".*"));

        gateway.destroy(); // SIGTERM
        awaitLog(log, gateway, "SIGTERM: stopping, grace PT10M");
        signal(gateway, "TERM");

        assertThat(gateway.waitFor(30, TimeUnit.SECONDS))
            .as("stopped long before the grace ended: %s", Files.readString(log))
            .isTrue();
        assertThat(gateway.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log))
            .contains(
                "SIGTERM again: aborting the clients in progress",
                "campaign for serial 2 cancelled",
                "patchbay gateway: stopped");
        assertThat(Files.readString(work.resolve("stb-1/bin/player")))
            .as("the device keeps its old file")
            .isEqualTo(players.get("2.0.0"));
      } finally {
        gateway.destroyForcibly();
      }

      config(headEnd.url(), "  file: clients.csv\n", "1s", "10m", "");
      Path again = work.resolve("gateway-2.log");
      Process restarted = PatchbayJar.launch(again, "gateway", "--config", config.toString());
      try {
        awaitPlayer("stb-1", "3.0.0", again);
      } finally {
        restarted.destroyForcibly();
      }
    }
  }

  /** Sends {@code process} the signal {@code name} (such as HUP) with kill(1). */
  private static void signal(Process process, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s", name).isZero();
  }

  private static void awaitLog(Path log, Process gateway, String line) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(gateway.isAlive()).as(Files.readString(log)).isTrue();
              assertThat(Files.readString(log)).contains(line);
            });
  }

  private PatchbayJar.Server device(String name, String address, int port) throws IOException {
    return PatchbayJar.serve(
        "device",
        "http",
        "--dir",
        work.resolve(name).toString(),
        "--insecure",
        "--bind",
        address,
        "--port",
        Integer.toString(port));
  }

  private PatchbayJar.Server device(String name) throws IOException {
    return PatchbayJar.serve(
        "device", "http", "--dir", work.resolve(name).toString(), "--insecure");
  }

  /** Builds the head end's catalog: {@code bin/player} in {@code version}, with {@code serial}. */
  private void publish(Path headEnd, String version, long serial) throws Exception {
    publish(headEnd, version, serial, 0);
  }

  /**
   * Like {@link #publish(Path, String, long)}, with {@code padding} more bytes in {@code
   * bin/player}, for a transfer that takes a while.
   */
  private void publish(Path headEnd, String version, long serial, int padding) throws Exception {
    Files.createDirectories(headEnd.resolve("bin"));
    String player = "player " + version + ".".repeat(padding);
    players.put(version, player);
    Files.writeString(headEnd.resolve("bin/player"), player);
    PatchbayJar.buildCatalog(
        work, headEnd, "bin/player " + version + "\n", "--serial", Long.toString(serial));
  }

  /** Replaces {@code file} whole, by a rename, so that no reader sees it half written. */
  private static void replace(Path file, String content) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, content);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void awaitPlayer(String device, String version, Path log) {
    Path player = work.resolve(device).resolve("bin/player");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(Files.exists(player) ? Files.readString(player) : "(none)")
                    .as(Files.readString(log))
                    .isEqualTo(players.get(version)));
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
