package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code patchbay campaign run|resume|status} in this JVM against a real head end and devices on
 * loopback. The crash and resume of the jar are {@code CampaignResumeIT}'s.
 */
class CampaignCommandTest {

  @TempDir Path work;
  private CampaignFleet fleet;
  private Path journal;

  @BeforeEach
  void startHeadEndAndDevices() throws Exception {
    fleet = CampaignFleet.start(work);
    journal = work.resolve("campaign.journal");
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  private CommandRun.Result campaign(String command, Object... more) {
    List<Object> args = new ArrayList<>(fleet.campaign(command));
    args.addAll(List.of("--journal", journal));
    return CommandRun.run(CommandRun.concat(args, more));
  }

  @Test
  void runUpdatesTheFleetWaveByWaveWithAProgressLinePerWaveAndClientThenTheReport()
      throws Exception {
    CommandRun.Result run = campaign("run", "--canary", "1", "--growth", "2");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.out())
        .contains(
            "Campaign for catalog serial ",
            "2 waves of [1, 2] clients",
            "Wave 0 started: 1 clients",
            "a: UPDATED (wave 0, 1 attempts",
            "Wave 0 PASSED: 1 succeeded, 0 failed",
            "b: UPDATED (wave 1",
            "c: UPDATED (wave 1",
            "Wave 1 PASSED: 2 succeeded",
            "Campaign COMPLETED: catalog serial ");
    assertThat(run.out().indexOf("Wave 0 PASSED")).isLessThan(run.out().indexOf("b: UPDATED"));
    fleet.assertEveryDeviceUpdated();
  }

  @Test
  void statusReadsTheJournalOfAFinishedCampaign() {
    assertThat(campaign("run").exitCode()).isZero();

    CommandRun.Result status = CommandRun.run("campaign", "status", "--journal", journal);
    CommandRun.Result json = CommandRun.run("campaign", "status", "--journal", journal, "--json");

    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.out())
        .contains("Campaign COMPLETED: catalog serial ", "3 clients, 3 finished, 0 in flight")
        .containsPattern("(?m)^a +0 +UPDATED +1 ")
        .containsPattern("(?m)^c +1 +UPDATED +1 ");
    assertThat(json.exitCode()).as(json.output()).isZero();
    assertThat(json.out())
        .contains(
            "\"state\" : \"COMPLETED\"",
            "\"decision\" : \"PASSED\"",
            "\"id\" : \"b\"",
            "\"status\" : \"UPDATED\"");
  }

  @Test
  void jsonPrintsTheCampaignReportAndNoProgress() {
    CommandRun.Result run = campaign("run", "--json");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.out()).startsWith("{").contains("\"state\":\"COMPLETED\"");
    assertThat(run.out()).doesNotContain("Wave 0 started");
  }

  @Test
  void runRefusesAJournalThatHoldsACampaignAndNamesResume() throws Exception {
    assertThat(campaign("run").exitCode()).isZero();
    byte[] before = Files.readAllBytes(journal);

    CommandRun.Result again = campaign("run");

    assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(again.err()).contains("already holds a campaign", "patchbay campaign resume");
    assertThat(Files.readAllBytes(journal)).isEqualTo(before);
  }

  @Test
  void resumeRefusesAJournalWithoutACampaign() {
    CommandRun.Result resume = campaign("resume");

    assertThat(resume.exitCode()).as(resume.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(resume.err()).contains("holds no campaign to resume", "patchbay campaign run");
    assertThat(journal).doesNotExist();
  }

  @Test
  void resumingAFinishedCampaignReportsItAgainFromTheJournal() {
    assertThat(campaign("run").exitCode()).isZero();

    CommandRun.Result resume = campaign("resume");

    assertThat(resume.exitCode()).as(resume.output()).isZero();
    assertThat(resume.out()).contains("resumed from the journal", "Campaign COMPLETED");
  }

  @Test
  void aCanaryThatFailsHaltsTheCampaignWithTheFailuresExitCode() throws Exception {
    Files.writeString(
        fleet.clients(),
        "id,endpoint\nghost,http://127.0.0.1:"
            + CommandRun.closedTcpPort()
            + "\n"
            + "a,"
            + fleet.firstEndpoint()
            + "\n");

    CommandRun.Result run = campaign("run");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FAILURES);
    assertThat(run.out()).contains("ghost: FAILED", "Campaign HALTED", "HALTED_");
    assertThat(work.resolve("a").resolve("bin/player")).doesNotExist();
    CommandRun.Result status = CommandRun.run("campaign", "status", "--journal", journal);
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.out())
        .contains("Campaign HALTED", "HALTED_")
        .containsPattern("(?m)^ghost +0 +FAILED ");
  }

  @Test
  void statusOfAMissingJournalCannotRunAndNamesTheFile() {
    CommandRun.Result status = CommandRun.run("campaign", "status", "--journal", journal);

    assertThat(status.exitCode()).as(status.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(status.err()).contains(journal.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--window=living-rooms=25:00-03:00",
        "--window=living-rooms",
        "--window=living-rooms=01:00-03:00@Mars/Olympus",
        "--canary=0",
        "--canary=x",
        "--growth=0.5",
        "--error-limit=2",
        "--bandwidth=fast",
        "--client=d=http://127.0.0.1:1"
      })
  void aValueTheCampaignCannotTakeIsAUsageError(String option) {
    CommandRun.Result wrong = campaign("run", option);

    assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("Usage: patchbay campaign run");
    assertThat(journal).doesNotExist();
  }
}
