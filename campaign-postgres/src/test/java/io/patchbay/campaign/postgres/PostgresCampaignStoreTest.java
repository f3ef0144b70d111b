package io.patchbay.campaign.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.campaign.CampaignState;
import io.patchbay.campaign.ClientLeaseLostException;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.JournalSnapshot;
import io.patchbay.campaign.WaveReport;
import io.patchbay.campaign.WaveVerdict;
import io.patchbay.report.Step;
import io.patchbay.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's rules, two workers in one JVM against a real PostgreSQL 15: leases, their expiry and
 * fencing, the error limit, verdicts taken once, shared commands and the schema's migrations.
 */
@Tag("interop")
class PostgresCampaignStoreTest {

  private static final List<List<String>> WAVES = List.of(List.of("a"), List.of("b", "c", "d"));

  @RegisterExtension static final PostgresServer.PerClass POSTGRES = new PostgresServer.PerClass();

  private static PostgresCampaignStore store(String campaign, String worker) {
    return PostgresCampaignStore.builder()
        .url(POSTGRES.server().url())
        .user(PostgresServer.USER)
        .campaign(campaign)
        .workerId(worker)
        .leaseDuration(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .outageLimit(Duration.ofSeconds(5))
        .build();
  }

  private static String name(TestInfo test) {
    return test.getTestMethod().orElseThrow().getName();
  }

  @Test
  void theSchemaIsCreatedOnceWhateverTheNumberOfWorkersThatOpenIt(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      assertThat(first).isNotNull();
      assertThat(second).isNotNull();
    }
    assertThat(sqlInt("SELECT count(*) FROM patchbay_schema_version")).isEqualTo(1);
    assertThat(sqlInt("SELECT max(version) FROM patchbay_schema_version"))
        .isEqualTo(Migrations.SCRIPTS.size());
  }

  @Test
  void theFirstWorkerRecordsTheWavesAndTheOthersGetThemWhateverTheyProposed(TestInfo test)
      throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      CampaignState.Plan started = first.begin(7, "fp", WAVES);
      CampaignState.Plan joined = second.begin(7, "fp", List.of(List.of("z")));

      assertThat(started.resumed()).isFalse();
      assertThat(joined.resumed()).isTrue();
      assertThat(joined.waves()).isEqualTo(WAVES);
    }
  }

  @Test
  void aStoreHoldingTheCampaignForAnotherCatalogIsRefused(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      first.begin(7, "fp", WAVES);

      assertThatThrownBy(() -> second.begin(7, "other content", WAVES))
          .isInstanceOf(CampaignStoreException.class)
          .hasMessageContaining("catalog serial 7");
    }
  }

  @Test
  void twoWorkersNeverLeaseTheSameClient(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      first.begin(7, "fp", WAVES);
      second.begin(7, "fp", WAVES);

      String one = first.lease(1, WAVES.get(1), 10);
      String two = second.lease(1, WAVES.get(1), 10);
      String three = first.lease(1, WAVES.get(1), 10);
      String none = second.lease(1, WAVES.get(1), 10);

      assertThat(List.of(one, two, three)).containsExactlyInAnyOrder("b", "c", "d");
      assertThat(none).isNull();
      assertThat(first.settled(1, 10)).as("three clients at work").isFalse();
    }
  }

  @Test
  void anExpiredLeaseIsTakenByAnotherWorkerAndTheFirstCanNoLongerActOnIt(TestInfo test)
      throws Exception {
    try (CampaignState gone = store(name(test), "gone").open();
        CampaignState taker = store(name(test), "taker").open()) {
      gone.begin(7, "fp", WAVES);
      taker.begin(7, "fp", WAVES);
      assertThat(gone.lease(0, WAVES.get(0), 0)).isEqualTo("a");
      assertThat(taker.lease(0, WAVES.get(0), 0)).isNull();

      // What a worker that stopped renewing leaves once its lease duration has passed.
      sqlUpdate(
          "UPDATE patchbay_client SET lease_expires = now() - interval '1 second'"
              + " WHERE campaign = '"
              + name(test)
              + "'");
      assertThat(taker.lease(0, WAVES.get(0), 0)).isEqualTo("a");

      assertThatThrownBy(() -> gone.step("a", Step.TRANSFER, "fw.bin", 1))
          .isInstanceOf(ClientLeaseLostException.class)
          .hasMessageContaining("gone");
      gone.clientDone(outcome("a", 0, ClientOutcome.Status.FAILED));
      taker.step("a", Step.INTERROGATE, null, 1);
      taker.clientDone(outcome("a", 0, ClientOutcome.Status.UPDATED));

      assertThat(taker.outcomes(0).get("a").status()).isEqualTo(ClientOutcome.Status.UPDATED);
      assertThat(
              sqlInt(
                  "SELECT failed FROM patchbay_wave WHERE campaign = '"
                      + name(test)
                      + "'"
                      + " AND wave = 0"))
          .as("the lost worker's failure is not counted")
          .isZero();
      assertThat(taker.settled(0, 0)).isTrue();
    }
  }

  @Test
  void noWorkerLeasesAClientOnceTheWaveIsOverItsErrorLimit(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      first.begin(7, "fp", WAVES);
      second.begin(7, "fp", WAVES);
      String failing = first.lease(1, WAVES.get(1), 0);
      String working = second.lease(1, WAVES.get(1), 0);
      first.step(failing, Step.INTERROGATE, null, 1);
      first.clientDone(outcome(failing, 1, ClientOutcome.Status.FAILED));

      assertThat(first.lease(1, WAVES.get(1), 0)).isNull();
      assertThat(second.lease(1, WAVES.get(1), 0)).isNull();
      assertThat(first.settled(1, 0)).as("a client is still at work").isFalse();

      second.clientDone(outcome(working, 1, ClientOutcome.Status.UPDATED));
      assertThat(first.settled(1, 0)).isTrue();
      assertThat(second.lease(1, WAVES.get(1), 0)).as("the third client stays untouched").isNull();
    }
  }

  @Test
  void aWaveIsDecidedOnceAndEveryWorkerGoesOnWithTheFirstVerdict(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      first.begin(7, "fp", WAVES);
      second.begin(7, "fp", WAVES);
      WaveVerdict passed = new WaveVerdict(WaveReport.Decision.PASSED, "1 of 1 succeeded");

      WaveVerdict firstTaken = first.decide(0, passed);
      WaveVerdict secondTaken =
          second.decide(0, new WaveVerdict(WaveReport.Decision.HALTED_ERROR_LIMIT, "late"));

      assertThat(firstTaken).isEqualTo(passed);
      assertThat(secondTaken).isEqualTo(passed);
      assertThat(second.verdict(0)).isEqualTo(passed);
      assertThat(second.verdict(1)).isNull();
    }
  }

  @Test
  void aCommandOneWorkerSharesReachesTheOthers(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState second = store(name(test), "w2").open()) {
      first.begin(7, "fp", WAVES);
      second.begin(7, "fp", WAVES);
      List<CampaignState.Command> told = new CopyOnWriteArrayList<>();
      first.watch(told::add);

      second.share(CampaignState.Command.PAUSE);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> told.contains(CampaignState.Command.PAUSE));
      store(name(test), "operator").command(CampaignState.Command.CANCEL);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> told.contains(CampaignState.Command.CANCEL));
    }
  }

  @Test
  void aWorkerJoiningAPausedCampaignIsToldBeforeItLeasesAnything(TestInfo test) throws Exception {
    try (CampaignState first = store(name(test), "w1").open();
        CampaignState joining = store(name(test), "w2").open()) {
      first.begin(7, "fp", WAVES);
      store(name(test), "operator").command(CampaignState.Command.PAUSE);
      List<CampaignState.Command> told = new CopyOnWriteArrayList<>();
      joining.watch(told::add);

      joining.begin(7, "fp", WAVES);

      assertThat(told).containsExactly(CampaignState.Command.PAUSE);
    }
  }

  @Test
  void theSnapshotShowsWavesOutcomesAndClientsInFlight(TestInfo test) throws Exception {
    try (CampaignState worker = store(name(test), "w1").open()) {
      worker.begin(7, "fp", WAVES);
      worker.lease(0, WAVES.get(0), 0);
      worker.clientDone(outcome("a", 0, ClientOutcome.Status.UPDATED));
      worker.decide(0, new WaveVerdict(WaveReport.Decision.PASSED, "1 of 1 succeeded"));
      String started = worker.lease(1, WAVES.get(1), 0);
      worker.step(started, Step.TRANSFER, "fw.bin", 1);

      JournalSnapshot snapshot = store(name(test), "status").snapshot();

      assertThat(snapshot.started()).isTrue();
      assertThat(snapshot.catalogSerial()).isEqualTo(7);
      assertThat(snapshot.waves()).hasSize(2);
      assertThat(snapshot.waves().get(0).decision()).isEqualTo(WaveReport.Decision.PASSED);
      assertThat(snapshot.waves().get(1).clients()).containsExactly("b", "c", "d");
      assertThat(snapshot.outcomes()).containsOnlyKeys("a");
      assertThat(snapshot.inFlight()).containsExactly(started);
      assertThat(snapshot.finished()).isNull();
    }
  }

  @Test
  void aValueTheStoreNeverWritesIsATypedError(TestInfo test) throws Exception {
    try (CampaignState worker = store(name(test), "w1").open()) {
      worker.begin(7, "fp", WAVES);
      sqlUpdate(
          "UPDATE patchbay_client SET status = 'EXPLODED' WHERE campaign = '" + name(test) + "'");

      assertThatThrownBy(() -> worker.outcomes(0))
          .isInstanceOf(CampaignStoreException.class)
          .hasMessageContaining("EXPLODED");
    }
  }

  @Test
  void aUrlWithAPasswordIsRefused() {
    assertThatThrownBy(
            () -> PostgresCampaignStore.builder().url("jdbc:postgresql://h/db?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  private static ClientOutcome outcome(String id, int wave, ClientOutcome.Status status) {
    return new ClientOutcome(
        id,
        DirectoryEntry.DEFAULT_GROUP,
        wave,
        status,
        1,
        status == ClientOutcome.Status.FAILED ? Step.INTERROGATE : null,
        status == ClientOutcome.Status.FAILED ? "unreachable" : null,
        0,
        0,
        Duration.ZERO,
        false);
  }

  private static int sqlInt(String query) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(POSTGRES.server().url(), PostgresServer.USER, "");
        PreparedStatement statement = connection.prepareStatement(query);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  private static void sqlUpdate(String update) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(POSTGRES.server().url(), PostgresServer.USER, "");
        PreparedStatement statement = connection.prepareStatement(update)) {
      statement.executeUpdate();
    }
  }
}
