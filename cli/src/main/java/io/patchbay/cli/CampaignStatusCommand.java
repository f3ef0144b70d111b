package io.patchbay.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.JournalSnapshot;
import io.patchbay.internal.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay campaign status}: what a campaign's journal (or its database, with {@code
 * --store}) says so far, read without running or changing anything; safe while the campaign runs.
 * Exits 0 whenever the state can be read, whatever the campaign's state.
 */
@Command(
    name = "status",
    description = {
      "Print the state of the campaign a journal holds: its catalog serial, each wave's decision"
          + " and each client's outcome so far.",
      "Reads the journal only; safe while the campaign runs."
    })
final class CampaignStatusCommand implements Callable<Integer> {

  /** The campaign's state while its journal records no end: running, or stopped before it. */
  static final String IN_PROGRESS = "IN_PROGRESS";

  /** A client started, with no outcome recorded yet. */
  static final String IN_FLIGHT = "IN_FLIGHT";

  /** A client not started yet. */
  static final String PENDING = "PENDING";

  @Spec CommandSpec spec;

  // --journal FILE, or --store JDBC_URL --name NAME with its credentials.
  @Mixin CampaignStoreOptions state;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Override
  public Integer call() throws IOException, CommandFailure {
    state.check();
    JournalSnapshot snapshot =
        state.shared() ? state.database().snapshot() : JournalSnapshot.read(state.journal);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      json(snapshot, out);
    } else {
      table(
          snapshot,
          out,
          state.shared()
              ? state.describe() + " does not exist yet."
              : "The journal holds no campaign yet.");
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The campaign's state: how it ended, {@link #IN_PROGRESS}, or {@code NOT_STARTED}. */
  private static String state(JournalSnapshot snapshot) {
    if (!snapshot.started()) {
      return "NOT_STARTED";
    }
    return snapshot.finished() == null ? IN_PROGRESS : snapshot.finished().name();
  }

  private static String clientState(JournalSnapshot snapshot, String id) {
    ClientOutcome outcome = snapshot.outcomes().get(id);
    if (outcome != null) {
      return outcome.status().name();
    }
    return snapshot.inFlight().contains(id) ? IN_FLIGHT : PENDING;
  }

  private static long count(JournalSnapshot.Wave wave, JournalSnapshot snapshot, boolean ok) {
    return wave.clients().stream()
        .map(snapshot.outcomes()::get)
        .filter(outcome -> outcome != null && outcome.status().succeeded() == ok)
        .count();
  }

  private static void table(JournalSnapshot snapshot, PrintWriter out, String notStarted) {
    if (!snapshot.started()) {
      out.println(notStarted);
      return;
    }
    long clients = snapshot.waves().stream().mapToLong(wave -> wave.clients().size()).sum();
    out.printf(
        Locale.ROOT,
        "Campaign %s: catalog serial %d, %d clients, %d finished, %d in flight%n",
        state(snapshot),
        snapshot.catalogSerial(),
        clients,
        snapshot.outcomes().size(),
        snapshot.inFlight().size());
    out.printf(
        Locale.ROOT,
        "%-5s %7s %9s %7s %-22s %s%n",
        "WAVE",
        "CLIENTS",
        "SUCCEEDED",
        "FAILED",
        "DECISION",
        "REASON");
    for (JournalSnapshot.Wave wave : snapshot.waves()) {
      out.printf(
          Locale.ROOT,
          "%-5d %7d %9d %7d %-22s %s%n",
          wave.index(),
          wave.clients().size(),
          count(wave, snapshot, true),
          count(wave, snapshot, false),
          wave.decision() == null ? "-" : wave.decision(),
          wave.reason() == null ? "-" : wave.reason());
    }
    out.printf(
        Locale.ROOT,
        "%-24s %-5s %-11s %8s %12s %-9s %s%n",
        "CLIENT",
        "WAVE",
        "STATUS",
        "ATTEMPTS",
        "BYTES",
        "STEP",
        "REASON");
    for (JournalSnapshot.Wave wave : snapshot.waves()) {
      for (String id : wave.clients()) {
        ClientOutcome outcome = snapshot.outcomes().get(id);
        out.printf(
            Locale.ROOT,
            "%-24s %-5d %-11s %8s %12s %-9s %s%n",
            id,
            wave.index(),
            clientState(snapshot, id),
            outcome == null ? "-" : outcome.attempts(),
            outcome == null ? "-" : outcome.bytesToClient(),
            outcome == null || outcome.failedStep() == null ? "-" : outcome.failedStep(),
            outcome == null || outcome.reason() == null ? "-" : outcome.reason());
      }
    }
  }

  private static void json(JournalSnapshot snapshot, PrintWriter out) throws IOException {
    try (JsonGenerator json = Json.generator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeNumberField("schemaVersion", 1);
      json.writeStringField("state", state(snapshot));
      if (snapshot.started()) {
        json.writeNumberField("catalogSerial", snapshot.catalogSerial());
      }
      json.writeArrayFieldStart("waves");
      for (JournalSnapshot.Wave wave : snapshot.waves()) {
        json.writeStartObject();
        json.writeNumberField("index", wave.index());
        json.writeNumberField("size", wave.clients().size());
        json.writeNumberField("succeeded", count(wave, snapshot, true));
        json.writeNumberField("failed", count(wave, snapshot, false));
        if (wave.decision() != null) {
          json.writeStringField("decision", wave.decision().name());
          json.writeStringField("reason", wave.reason());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("clients");
      for (JournalSnapshot.Wave wave : snapshot.waves()) {
        for (String id : wave.clients()) {
          ClientOutcome outcome = snapshot.outcomes().get(id);
          json.writeStartObject();
          json.writeStringField("id", id);
          json.writeNumberField("wave", wave.index());
          json.writeStringField("status", clientState(snapshot, id));
          if (outcome != null) {
            json.writeNumberField("attempts", outcome.attempts());
            json.writeNumberField("bytesToClient", outcome.bytesToClient());
            if (outcome.failedStep() != null) {
              json.writeStringField("failedStep", outcome.failedStep().name());
            }
            if (outcome.reason() != null) {
              json.writeStringField("reason", outcome.reason());
            }
          }
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.println();
  }
}
