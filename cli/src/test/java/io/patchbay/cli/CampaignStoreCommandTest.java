package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.campaign.JournalSnapshot;
import io.patchbay.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code patchbay campaign run|resume|status|control --store} against a real PostgreSQL 15, a real
 * head end and devices on loopback. The many-gateway behaviour is campaign-postgres's
 * ManyWorkersTest; this is the command line around it.
 */
@Tag("interop")
class CampaignStoreCommandTest {

  @RegisterExtension static final PostgresServer.PerClass POSTGRES = new PostgresServer.PerClass();

  @TempDir Path work;
  private CampaignFleet fleet;
  private Path credentials;
  private String name;

  @BeforeEach
  void startHeadEndAndDevices(TestInfo test) throws Exception {
    name = test.getTestMethod().orElseThrow().getName();
    fleet = CampaignFleet.start(work);
    credentials =
        Files.writeString(
            work.resolve("store.properties"),
            "user=" + PostgresServer.USER + "\npassword=unused\n");
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  /** Runs {@code command} on this test's campaign in the database, then {@code more}. */
  private CommandRun.Result onStore(List<?> command, Object... more) {
    List<Object> args = new ArrayList<>(command);
    args.addAll(
        List.of(
            "--store",
            POSTGRES.server().url(),
            "--name",
            name,
            "--store-credentials",
            credentials));
    return CommandRun.run(CommandRun.concat(args, more));
  }

  private CommandRun.Result campaign(String command, Object... more) {
    return onStore(fleet.campaign(command), more);
  }

  private CommandRun.Result status(Object... more) {
    return onStore(List.of("campaign", "status"), more);
  }

  @Test
  void runKeepsTheCampaignInTheDatabaseAndStatusReadsItBack() {
    CommandRun.Result run = campaign("run", "--canary", "1", "--worker-id", "gw-1");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.out()).contains("Campaign COMPLETED: catalog serial ");
    fleet.assertEveryDeviceUpdated();
    CommandRun.Result status = status();
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.out())
        .contains("Campaign COMPLETED: catalog serial ", "3 clients, 3 finished, 0 in flight")
        .containsPattern("(?m)^a +0 +UPDATED +1 ");
    assertThat(status("--json").out()).contains("\"state\" : \"COMPLETED\"");
  }

  @Test
  void runRefusesACampaignThatIsOverAndResumeReportsItAgainWithoutContactingAnyone() {
    assertThat(campaign("run").exitCode()).isZero();

    CommandRun.Result again = campaign("run");
    CommandRun.Result resumed = campaign("resume", "--json");

    assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(again.err()).contains("is over (COMPLETED)", "--name");
    assertThat(resumed.exitCode()).as(resumed.output()).isZero();
    assertThat(resumed.out())
        .contains("\"state\":\"COMPLETED\"", "\"fromJournal\":true")
        .doesNotContain("\"fromJournal\":false");
  }

  @Test
  void resumeRefusesACampaignTheDatabaseDoesNotHold() {
    CommandRun.Result resumed = campaign("resume");

    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(resumed.err()).contains("does not exist", "campaign run");
  }

  @Test
  void aCancelFromTheCommandLineStopsTheCampaignUntilResumeLiftsIt() {
    assertThat(status().out()).contains("does not exist yet");
    assertThat(campaign("run", "--canary", "1").exitCode()).isZero();

    CommandRun.Result cancel = onStore(List.of("campaign", "control", "cancel"));

    assertThat(cancel.exitCode()).as(cancel.output()).isZero();
    assertThat(cancel.out()).contains(name, "cancel");
  }

  @Test
  void credentialsComeFromTheEnvironmentWithoutAFile() throws Exception {
    assertThat(campaign("run").exitCode()).isZero();

    JournalSnapshot seen =
        options(Map.of(StoreCredentials.USER_VARIABLE, PostgresServer.USER)).database().snapshot();
    assertThatThrownBy(
            () ->
                options(Map.of(StoreCredentials.USER_VARIABLE, "nobody-here"))
                    .database()
                    .snapshot())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nobody-here");

    assertThat(seen.started()).isTrue();
  }

  @Test
  void theStateIsAJournalOrAStoreWithItsNameAndNeverAPasswordOnTheCommandLine() {
    CommandRun.Result both = campaign("run", "--journal", work.resolve("j"));
    CommandRun.Result password =
        CommandRun.run(
            "campaign",
            "status",
            "--store",
            POSTGRES.server().url() + "?password=hunter2",
            "--name",
            name);
    CommandRun.Result nameless =
        CommandRun.run("campaign", "status", "--store", POSTGRES.server().url());

    assertThat(both.exitCode()).as(both.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(password.exitCode()).as(password.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(password.err()).contains("must not carry a password").doesNotContain("hunter2");
    assertThat(nameless.exitCode()).as(nameless.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(nameless.err()).contains("--name");
  }

  private CampaignStoreOptions options(Map<String, String> environment) {
    CampaignStoreOptions options = new CampaignStoreOptions();
    options.spec = new CommandLine(new CampaignStatusCommand()).getCommandSpec();
    options.store = POSTGRES.server().url();
    options.name = name;
    options.environment = environment::get;
    return options;
  }
}
