package io.patchbay.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import io.patchbay.model.Client;
import io.patchbay.plan.Action;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints plans and reports for people (tables) and for programs (JSON). */
final class ReportPrinter {

  private ReportPrinter() {}

  static void table(FleetReport report, PrintWriter out) {
    out.printf(
        "%n%-16s %-32s %8s %7s %10s %8s  %s%n",
        "CLIENT", "ENDPOINT", "UPDATED", "FAILED", "BYTES", "TIME", "OUTCOME");
    for (UpdateReport client : report.clients()) {
      long transfers = client.plan() == null ? 0 : client.plan().transfers().size();
      out.printf(
          "%-16s %-32s %8s %7d %10s %8s  %s%n",
          client.client().id(),
          client.client().endpoint(),
          client.updatedCount() + "/" + transfers,
          client.failures().size(),
          Sizes.format(client.bytesTransferred()),
          seconds(client.elapsed().toMillis()),
          outcome(client));
    }
    out.printf(
        "%n%d clients, %d failed, %d with anomalies; %d artifacts (%s) from the head end, %d reused; %s to clients in %s%n",
        report.clients().size(),
        report.failures().size(),
        report.anomalous().size(),
        report.artifactsFetched(),
        Sizes.format(report.bytesFetched()),
        report.artifactsReused(),
        Sizes.format(report.bytesTransferred()),
        seconds(report.elapsed().toMillis()));
    out.flush();
  }

  static void table(UpdatePlan plan, PrintWriter out) {
    out.printf(
        "%nPlan for %s%n%-40s %-15s %-16s %-16s %s%n",
        plan.clientId(), "FILE", "ACTION", "CLIENT", "CATALOG", "REASON");
    for (PlannedFile file : plan.files()) {
      out.printf(
          "%-40s %-15s %-16s %-16s %s%n",
          file.name(),
          file.action(),
          orDash(file.currentVersion()),
          orDash(file.centralVersion()),
          file.reason());
    }
    out.flush();
  }

  static void json(FleetReport report, Writer out) throws IOException {
    try (JsonGenerator json = Json.generator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeStringField("started", report.started().toString());
      json.writeNumberField("elapsedMillis", report.elapsed().toMillis());
      json.writeBooleanField("succeeded", report.succeeded());
      json.writeNumberField("clientsWithAnomalies", report.anomalous().size());
      json.writeNumberField("artifactsFetched", report.artifactsFetched());
      json.writeNumberField("bytesFetched", report.bytesFetched());
      json.writeNumberField("artifactsReused", report.artifactsReused());
      json.writeNumberField("bytesTransferred", report.bytesTransferred());
      json.writeArrayFieldStart("clients");
      for (UpdateReport client : report.clients()) {
        writeClient(client, json);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  static void json(UpdatePlan plan, Writer out) throws IOException {
    try (JsonGenerator json = Json.generator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeStringField("client", plan.clientId());
      json.writeNumberField("anomalies", plan.anomalies().size());
      json.writeArrayFieldStart("files");
      for (PlannedFile file : plan.files()) {
        json.writeStartObject();
        json.writeStringField("name", file.name());
        json.writeStringField("action", file.action().name());
        writeOptional(json, "currentVersion", file.currentVersion());
        writeOptional(json, "centralVersion", file.centralVersion());
        json.writeStringField("reason", file.reason());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /**
   * A client that could not be planned, after the plans of the others: its name, endpoint and why.
   */
  static void planFailure(Client client, Throwable error, PrintWriter out) {
    out.printf(
        "%nPlan for %s (%s) failed: %s%n", client.id(), client.endpoint(), ErrorText.of(error));
    out.flush();
  }

  /** {@link #planFailure} as a JSON document, beside the documents of the plans. */
  static void jsonPlanFailure(Client client, Throwable error, Writer out) throws IOException {
    try (JsonGenerator json = Json.generator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeStringField("client", client.id());
      json.writeStringField("endpoint", client.endpoint().toString());
      json.writeStringField("error", describe(error));
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeClient(UpdateReport client, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", client.client().id());
    json.writeStringField("endpoint", client.client().endpoint().toString());
    json.writeBooleanField("succeeded", client.succeeded());
    json.writeNumberField("anomalies", client.anomalies().size());
    json.writeNumberField("elapsedMillis", client.elapsed().toMillis());
    json.writeNumberField("bytesTransferred", client.bytesTransferred());
    if (client.error() != null) {
      json.writeStringField("failedStep", client.failedStep().name());
      json.writeStringField("error", describe(client.error()));
    }
    json.writeArrayFieldStart("files");
    for (FileOutcome file : client.files()) {
      json.writeStartObject();
      json.writeStringField("name", file.name());
      json.writeStringField("action", file.action().name());
      json.writeStringField("status", file.status().name());
      writeOptional(json, "fromVersion", file.fromVersion());
      writeOptional(json, "toVersion", file.toVersion());
      json.writeNumberField("bytes", file.bytes());
      if (file.error() != null) {
        json.writeStringField("failedStep", String.valueOf(file.failedStep()));
        json.writeStringField("error", describe(file.error()));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeOptional(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  /**
   * "ok" only for a client that succeeded with nothing to look into; otherwise what failed, then
   * anomalies and drift left unrepaired, which do not fail the client but must not read as "ok".
   */
  private static String outcome(UpdateReport client) {
    List<String> notes = new ArrayList<>(3);
    if (!client.succeeded()) {
      notes.add(failure(client));
    }
    noteUnlike(notes, client.anomalies(), "anomaly", "anomalies");
    noteUnlike(
        notes,
        client.files().stream().filter(file -> file.action() == Action.DRIFT_REPORTED).toList(),
        "drift not repaired",
        "drifts not repaired");
    return notes.isEmpty() ? "ok" : String.join("; ", notes);
  }

  /**
   * Adds a note naming the first of {@code files}, whose version or bytes are not the catalog's,
   * and how many there are: "anomaly: bin/player 3.0.0, catalog 2.0.0" or "2 anomalies, first ...".
   */
  private static void noteUnlike(
      List<String> notes, List<FileOutcome> files, String one, String many) {
    if (files.isEmpty()) {
      return;
    }
    FileOutcome first = files.get(0);
    String named = first.name() + " " + first.fromVersion() + ", catalog " + first.toVersion();
    notes.add(
        files.size() == 1 ? one + ": " + named : files.size() + " " + many + ", first " + named);
  }

  private static String failure(UpdateReport client) {
    if (client.error() != null) {
      return "failed at "
          + client.failedStep().name().toLowerCase(Locale.ROOT)
          + ": "
          + ErrorText.of(client.error());
    }
    FileOutcome first = client.failures().get(0);
    return client.failures().size()
        + " file(s) failed, first "
        + first.name()
        + ": "
        + (first.error() == null ? first.status() : ErrorText.of(first.error()));
  }

  /** An error for programs: its type, which they may match on, then its words. */
  private static String describe(Throwable error) {
    return error.getClass().getSimpleName() + ": " + ErrorText.of(error);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
