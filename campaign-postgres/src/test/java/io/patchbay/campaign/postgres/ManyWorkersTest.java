package io.patchbay.campaign.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.campaign.CampaignState;
import io.patchbay.model.Client;
import io.patchbay.testkit.DirectoryFleet;
import io.patchbay.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway worker processes ({@link WorkerMain}) over one campaign of file-backed testkit devices,
 * its state in a real PostgreSQL 15: they share the work, survive one of them killed with SIGKILL
 * and the server restarted, all halt on a wave over its error limit, and all stop on an operator's
 * cancel.
 */
@Tag("interop")
class ManyWorkersTest {

  /**
   * The fleet, kept: three workers update it in about 21 s on the 2-core machine (57 s for
   * the whole test, fleet set-up and checks included), well inside the CI budget.
   */
  static final int FLEET = 3000;

  /** The fleets of the other tests: large enough for several waves, small enough to be quick. */
  static final int SMALL_FLEET = 300;

  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final PostgresServer.PerClass POSTGRES = new PostgresServer.PerClass();

  @TempDir Path directory;

  @RegisterExtension final Workers.Started launched = new Workers.Started();

  @Test
  void threeWorkersCompleteOneCampaignAndEachDeviceIsUpdatedExactlyOnce() throws Exception {
    DirectoryFleet fleet = fleet(FLEET);
    long started = System.nanoTime();
    List<Process> workers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      workers.add(worker("three", "w" + i, 0, 30_000, "-"));
    }

    for (int i = 0; i < workers.size(); i++) {
      assertExit(workers.get(i), "w" + (i + 1), 0);
    }
    System.out.printf(
        "3 workers, %d devices: %.1f s%n", FLEET, (System.nanoTime() - started) / 1e9);

    assertEveryDeviceUpdatedOnce(fleet);
    Set<String> doneHere = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      JsonNode report = report("w" + i);
      assertThat(report.get("state").asText()).isEqualTo("COMPLETED");
      assertThat(report.get("clients")).as("every worker reports every client").hasSize(FLEET);
      for (JsonNode client : report.get("clients")) {
        assertThat(client.get("status").asText()).isIn("UPDATED");
        if (!client.get("fromJournal").asBoolean()) {
          assertThat(doneHere.add(client.get("id").asText()))
              .as("%s updated by one worker only", client.get("id"))
              .isTrue();
        }
      }
    }
    assertThat(doneHere).as("each client's outcome is some worker's own").hasSize(FLEET);
    assertThat(sqlLong("SELECT sum(leases) FROM patchbay_client WHERE campaign = 'three'"))
        .as("each client leased once: nobody waited for a lease to expire")
        .isEqualTo(FLEET);
  }

  @Test
  void aWorkerKilledMidWaveHasItsClientsTakenOverOnceItsLeasesExpire() throws Exception {
    DirectoryFleet fleet = fleet(SMALL_FLEET);
    List<Client> clients = fleet.clients();
    // 28 kB per device at 200 kB/s per worker: some 15 s of campaign with three workers.
    Process doomed = worker("kill", "doomed", 200_000, 3_000, "-");
    Process second = worker("kill", "second", 200_000, 3_000, "-");
    Process third = worker("kill", "third", 200_000, 3_000, "-");
    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                updated(fleet, clients) >= 60
                    && sqlLong(
                            "SELECT count(*) FROM patchbay_client WHERE campaign = 'kill'"
                                + " AND lease_owner = 'doomed' AND status IS NULL")
                        > 0);
    doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back
    assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> orphans =
        sqlStrings(
            "SELECT client_id FROM patchbay_client WHERE campaign = 'kill'"
                + " AND lease_owner = 'doomed' AND status IS NULL");
    assertThat(orphans).as("the killed worker held clients").isNotEmpty();

    assertExit(second, "second", 0);
    assertExit(third, "third", 0);

    assertEveryDeviceUpdatedOnce(fleet);
    for (String orphan : orphans) {
      assertThat(
              sqlStrings(
                  "SELECT done_by || ' ' || leases FROM patchbay_client WHERE campaign = 'kill'"
                      + " AND client_id = '"
                      + orphan
                      + "'"))
          .as("%s taken over after its lease expired", orphan)
          .singleElement()
          .isIn("second 2", "third 2");
    }
    assertThat(report("second").get("clients")).hasSize(SMALL_FLEET);
    assertThat(report("second").get("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aWaveOverItsErrorLimitHaltsEveryWorkerBeforeTheNextWaveIsTouched() throws Exception {
    DirectoryFleet fleet = fleet(SMALL_FLEET);
    // Wave 1 has 40 clients and an error limit of 5%: three that answer nowhere exceed it.
    String ghosts = "ghost-1,ghost-2,ghost-3";
    List<Process> workers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      workers.add(worker("halt", "w" + i, 0, 30_000, ghosts));
    }

    for (int i = 0; i < workers.size(); i++) {
      assertExit(workers.get(i), "w" + (i + 1), 3);
      JsonNode report = report("w" + (i + 1));
      assertThat(report.get("state").asText()).isEqualTo("HALTED");
      assertThat(report.get("waves").get(1).get("decision").asText())
          .isEqualTo("HALTED_ERROR_LIMIT");
      assertThat(report.get("waves").get(2).get("decision").asText()).isEqualTo("NOT_RUN");
    }
    assertThat(
            sqlLong(
                "SELECT count(*) FROM patchbay_client WHERE campaign = 'halt' AND wave >= 2"
                    + " AND (leases > 0 OR step IS NOT NULL OR status IS NOT NULL)"))
        .as("no client of a later wave leased, started or finished")
        .isZero();
    List<Client> later =
        WorkerMain.directory(fleet, ghosts).subList(WorkerMain.CANARY + 40, SMALL_FLEET + 3);
    for (Client client : later) {
      assertThat(fleet.receivedCount(client.id(), WorkerMain.PLAYER)).as(client.id()).isZero();
      assertThat(fleet.version(client.id(), WorkerMain.PLAYER)).isEqualTo("1.0.0");
    }
  }

  @Test
  void workersWaitThroughARestartOfTheServerAndLoseNothing() throws Exception {
    DirectoryFleet fleet = fleet(SMALL_FLEET);
    List<Client> clients = fleet.clients();
    Process first = worker("restart", "w1", 200_000, 30_000, "-");
    Process second = worker("restart", "w2", 200_000, 30_000, "-");
    await().atMost(Duration.ofMinutes(3)).until(() -> updated(fleet, clients) >= 40);

    POSTGRES.server().stop();
    int atStop = updated(fleet, clients);
    POSTGRES.server().startServer();

    assertExit(first, "w1", 0);
    assertExit(second, "w2", 0);
    assertThat(atStop).as("stopped mid-campaign").isLessThan(SMALL_FLEET);
    assertEveryDeviceUpdatedOnce(fleet);
    assertThat(
            Files.readString(directory.resolve("w1.log"))
                + Files.readString(directory.resolve("w2.log")))
        .as("the workers saw the outage")
        .contains("Campaign store unreachable");
    assertThat(report("w1").get("clients")).hasSize(SMALL_FLEET);
    assertThat(
            sqlLong(
                "SELECT count(*) FROM patchbay_client WHERE campaign = 'restart'"
                    + " AND status = 'UPDATED'"))
        .isEqualTo(SMALL_FLEET);
  }

  @Test
  void anOperatorsCancelStopsEveryWorkerAndAResumeLetsANewWorkerFinish() throws Exception {
    DirectoryFleet fleet = fleet(SMALL_FLEET);
    List<Client> clients = fleet.clients();
    Process first = worker("cancel", "w1", 200_000, 30_000, "-");
    Process second = worker("cancel", "w2", 200_000, 30_000, "-");
    await().atMost(Duration.ofMinutes(3)).until(() -> updated(fleet, clients) >= 40);

    operator("cancel").command(CampaignState.Command.CANCEL);

    assertExit(first, "w1", 4);
    assertExit(second, "w2", 4);
    assertThat(report("w1").get("state").asText()).isEqualTo("CANCELLED");
    assertThat(updated(fleet, clients)).as("stopped before the end").isLessThan(SMALL_FLEET);

    operator("cancel").command(CampaignState.Command.RESUME);
    assertExit(worker("cancel", "w3", 0, 30_000, "-"), "w3", 0);
    assertEveryDeviceUpdatedOnce(fleet);
  }

  private static PostgresCampaignStore operator(String campaign) {
    return PostgresCampaignStore.builder()
        .url(POSTGRES.server().url())
        .user(PostgresServer.USER)
        .campaign(campaign)
        .workerId("operator")
        .build();
  }

  private DirectoryFleet fleet(int size) throws IOException {
    return Workers.fleet(directory, size);
  }

  private Process worker(
      String campaign, String id, long bandwidth, long leaseMillis, String ghosts)
      throws IOException {
    return launched.track(
        Workers.launch(
            directory,
            List.of("-XX:TieredStopAtLevel=1"),
            POSTGRES.server().url(),
            campaign,
            id,
            bandwidth,
            leaseMillis,
            ghosts));
  }

  private void assertExit(Process worker, String id, int code) throws Exception {
    Workers.assertExit(directory, worker, id, code);
  }

  private JsonNode report(String id) throws IOException {
    return JSON.readTree(directory.resolve(id + ".json").toFile());
  }

  private static void assertEveryDeviceUpdatedOnce(DirectoryFleet fleet) throws IOException {
    for (Client client : fleet.clients()) {
      assertThat(fleet.version(client.id(), WorkerMain.PLAYER)).as(client.id()).isEqualTo("2.0.0");
      assertThat(fleet.version(client.id(), WorkerMain.TUNER)).as(client.id()).isEqualTo("1.1.0");
      assertThat(fleet.receivedCount(client.id(), WorkerMain.PLAYER)).as(client.id()).isEqualTo(1);
      assertThat(fleet.receivedCount(client.id(), WorkerMain.TUNER)).as(client.id()).isEqualTo(1);
    }
  }

  private static int updated(DirectoryFleet fleet, List<Client> clients) throws IOException {
    int updated = 0;
    for (Client client : clients) {
      if ("2.0.0".equals(fleet.version(client.id(), WorkerMain.PLAYER))
          && "1.1.0".equals(fleet.version(client.id(), WorkerMain.TUNER))) {
        updated++;
      }
    }
    return updated;
  }

  private static long sqlLong(String query) throws Exception {
    List<String> rows = sqlStrings(query);
    return rows.isEmpty() || rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
  }

  private static List<String> sqlStrings(String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(POSTGRES.server().url(), PostgresServer.USER, "");
        PreparedStatement statement = connection.prepareStatement(query);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
