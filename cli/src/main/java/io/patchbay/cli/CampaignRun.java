package io.patchbay.cli;

import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.CampaignState;
import io.patchbay.campaign.CampaignStore;
import io.patchbay.campaign.ClientRetries;
import io.patchbay.campaign.JournalSnapshot;
import io.patchbay.campaign.MaintenanceWindow;
import io.patchbay.campaign.StaticClientDirectory;
import io.patchbay.campaign.WavePlan;
import io.patchbay.campaign.postgres.PostgresCampaignStore;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code campaign run} and {@code campaign resume} share: the options of a campaign and its
 * run. They differ only in what they accept as the campaign's state: {@code run} a journal that
 * holds no campaign yet (or a database campaign that is not over, whose workers it joins), {@code
 * resume} one that holds the campaign.
 */
abstract class CampaignRun implements Callable<Integer> {

  /** Retried clients wait this long before their second attempt, doubling up to the maximum. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /** The longest wait between two attempts at a client. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private static final Pattern WINDOW =
      Pattern.compile("([^=]+)=(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})(?:@(.+))?");

  private final boolean resume;

  @Spec CommandSpec spec;

  // --catalog, --clients FILE (read as a client directory here), --json, trust, TLS, origins and
  // tokens, exactly as plan and update take them.
  @Mixin GatewayOptions options;

  // --journal FILE, or --store JDBC_URL --name NAME with its credentials.
  @Mixin CampaignStoreOptions state;

  @Mixin CacheOptions cache;

  @Option(
      names = "--canary",
      defaultValue = "1",
      paramLabel = "N|P%",
      description =
          "The first wave: N clients, or P percent of the fleet (default ${DEFAULT-VALUE}).")
  String canary;

  @Option(
      names = "--growth",
      defaultValue = "2",
      paramLabel = "F",
      description = "Each wave is F times the one before, 1 to 1000 (default ${DEFAULT-VALUE}).")
  double growth;

  @Option(
      names = "--success-threshold",
      defaultValue = "0.95",
      paramLabel = "R",
      description =
          "The share of a wave that must succeed for the next to start (default ${DEFAULT-VALUE}).")
  double successThreshold;

  @Option(
      names = "--error-limit",
      defaultValue = "0.05",
      paramLabel = "R",
      description =
          "The share of a wave whose failure halts the campaign when exceeded (default"
              + " ${DEFAULT-VALUE}).")
  double errorLimit;

  @Option(
      names = "--window",
      paramLabel = "GROUP=HH:MM-HH:MM[@ZONE]",
      description =
          "Update the clients of GROUP only in this daily window (an end before the start runs"
              + " past midnight), in ZONE (default UTC), such as"
              + " living-rooms=02:00-05:00@Europe/Berlin; repeatable. Groups without one are not"
              + " limited.")
  List<String> windows = new ArrayList<>();

  @Option(
      names = "--bandwidth",
      paramLabel = "BYTES_PER_S",
      description =
          "Bytes per second shared by all transfers to clients, such as 2m (default: none).")
  String bandwidth;

  @Option(
      names = "--max-clients",
      defaultValue = "8",
      paramLabel = "N",
      description = "Clients worked on at once (default ${DEFAULT-VALUE}).")
  int maxClients;

  @Option(
      names = "--max-transfers",
      paramLabel = "N",
      description = "Transfers at once across clients (default: one per client at work).")
  Integer maxTransfers;

  @Option(
      names = "--retries",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Try a failed client N more times, 1 s after the first failure, doubling up to 1 min"
              + " (default ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Also write the report as JSON to FILE.")
  Path report;

  CampaignRun(boolean resume) {
    this.resume = resume;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Campaign.Builder campaign = configure();
    state.check();
    CampaignStore store;
    if (state.shared()) {
      PostgresCampaignStore database = state.database();
      checkStore(database);
      store = database;
    } else {
      checkJournal();
      store = CampaignStore.journal(state.journal);
    }
    UpdateOrchestrator.Builder gateway = options.gateway();
    if (!options.json) {
      gateway.listener(new Progress(out, Progress.onTerminal()));
      campaign.listener(new CampaignProgress(out));
    }
    cache.applyTo(gateway);
    CampaignReport result =
        campaign
            .directory(StaticClientDirectory.read(options.clientsFile))
            .orchestrator(gateway.build())
            .store(store)
            .build()
            .run();
    if (options.json) {
      // The report streams to bytes: the command line's output is a writer.
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      result.writeJson(json);
      out.print(json.toString(StandardCharsets.UTF_8));
    } else {
      result.writeTable(out);
    }
    out.flush();
    if (report != null) {
      try (OutputStream file = Files.newOutputStream(report)) {
        result.writeJson(file);
      }
    }
    return ExitCodes.ofRun(
        result.state() != CampaignReport.State.COMPLETED || !result.failures().isEmpty(),
        !result.anomalous().isEmpty());
  }

  /**
   * A campaign configured from the options, without its directory, orchestrator and journal.
   *
   * @throws ParameterException if a value is out of its range or malformed
   */
  private Campaign.Builder configure() {
    if (options.clientsFile == null || !options.clientSpecs.isEmpty()) {
      throw usage("A campaign takes its clients from a directory file: give --clients FILE");
    }
    try {
      Campaign.Builder campaign =
          Campaign.builder()
              .plan(plan())
              .maxConcurrentClients(maxClients)
              .retries(new ClientRetries(retries + 1, FIRST_BACKOFF, MAX_BACKOFF));
      windows().forEach(campaign::window);
      if (maxTransfers != null) {
        campaign.maxConcurrentTransfers(maxTransfers);
      }
      if (bandwidth != null) {
        campaign.bandwidthBudget(Sizes.parse(bandwidth));
      }
      return campaign;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw usage(e.getMessage());
    }
  }

  private WavePlan plan() {
    WavePlan.Builder plan =
        WavePlan.builder().growth(growth).successThreshold(successThreshold).errorLimit(errorLimit);
    String size = canary.strip();
    if (size.endsWith("%")) {
      plan.canaryPercent(Double.parseDouble(size.substring(0, size.length() - 1)));
    } else {
      plan.canaryClients(Integer.parseInt(size));
    }
    return plan.build();
  }

  private Map<String, MaintenanceWindow> windows() {
    Map<String, MaintenanceWindow> byGroup = new LinkedHashMap<>();
    for (String window : windows) {
      Matcher parts = WINDOW.matcher(window.strip());
      if (!parts.matches()) {
        throw new IllegalArgumentException(
            "--window " + window + " is not GROUP=HH:MM-HH:MM[@ZONE]");
      }
      try {
        ZoneId zone = parts.group(4) == null ? ZoneOffset.UTC : ZoneId.of(parts.group(4));
        MaintenanceWindow daily =
            MaintenanceWindow.daily(time(parts.group(2)), time(parts.group(3)), zone);
        if (byGroup.put(parts.group(1), daily) != null) {
          throw new IllegalArgumentException("--window: group " + parts.group(1) + " given twice");
        }
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("--window " + window + ": " + e.getMessage(), e);
      }
    }
    return byGroup;
  }

  private static LocalTime time(String text) {
    return LocalTime.parse(text.length() == 4 ? "0" + text : text);
  }

  /**
   * Checks that the journal suits the command: no campaign yet for {@code run}, one for {@code
   * resume}.
   *
   * @throws CommandFailure naming the journal if it does not
   */
  private void checkJournal() throws IOException, CommandFailure {
    Path journal = state.journal;
    JournalSnapshot prior = Files.exists(journal) ? JournalSnapshot.read(journal) : null;
    boolean holdsCampaign = prior != null && prior.started();
    if (!resume && holdsCampaign) {
      throw new CommandFailure(
          "The journal "
              + journal
              + " already holds a campaign (catalog serial "
              + prior.catalogSerial()
              + "): continue it with `patchbay campaign resume`, or give a new --journal",
          null);
    }
    if (resume && !holdsCampaign) {
      throw new CommandFailure(
          "The journal "
              + journal
              + " holds no campaign to resume: start one with `patchbay campaign run`",
          null);
    }
  }

  /**
   * Checks that the database suits the command: {@code run} starts the campaign or joins the
   * workers running it, but refuses one that is over; {@code resume} needs the campaign, and lifts
   * a pause or cancel on every worker before it joins them.
   *
   * @throws CommandFailure naming the campaign if it does not
   */
  private void checkStore(PostgresCampaignStore database) throws IOException, CommandFailure {
    JournalSnapshot prior = database.snapshot();
    if (!resume && prior.started() && prior.finished() != null) {
      throw new CommandFailure(
          state.describe()
              + " is over ("
              + prior.finished()
              + "): see it again with `patchbay campaign resume`, or give a new --name",
          null);
    }
    if (resume && !prior.started()) {
      throw new CommandFailure(
          state.describe() + " does not exist: start it with `patchbay campaign run`", null);
    }
    if (resume) {
      database.command(CampaignState.Command.RESUME);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
