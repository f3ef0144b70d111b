package io.patchbay.campaign;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a campaign did: its end state, every wave's decision and every client's outcome, with bytes
 * from the head end against bytes to clients. Written as JSON ({@link #writeJson}) or as a table
 * for people ({@link #toTable()}).
 *
 * @param catalogSerial the serial of the catalog rolled out
 * @param started when this run of the campaign started
 * @param elapsed how long this run took
 * @param state how the campaign ended
 * @param waves one report per wave, in order
 * @param clients one outcome per client, wave by wave in directory order
 * @param artifactsFromHeadEnd distinct artifacts downloaded from the head end by this run
 * @param bytesFromHeadEnd bytes downloaded from the head end by this run
 */
public record CampaignReport(
    long catalogSerial,
    Instant started,
    Duration elapsed,
    State state,
    List<WaveReport> waves,
    List<ClientOutcome> clients,
    long artifactsFromHeadEnd,
    long bytesFromHeadEnd) {

  /** How a campaign ended. */
  public enum State {
    /** Every wave passed. */
    COMPLETED,
    /** A wave failed its thresholds; later waves were not touched. */
    HALTED,
    /** {@link Campaign#cancel()} stopped it; running it again with its journal resumes it. */
    CANCELLED
  }

  /** Copies the lists. */
  public CampaignReport {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(state, "state");
    waves = List.copyOf(waves);
    clients = List.copyOf(clients);
  }

  /** Bytes sent to all clients, by this run and by earlier runs recorded in the journal. */
  public long bytesToClients() {
    return clients.stream().mapToLong(ClientOutcome::bytesToClient).sum();
  }

  /** How many clients ended with {@code status}. */
  public long count(ClientOutcome.Status status) {
    return clients.stream().filter(client -> client.status() == status).count();
  }

  /** The outcomes that did not succeed. */
  public List<ClientOutcome> failures() {
    return clients.stream().filter(client -> !client.status().succeeded()).toList();
  }

  /**
   * The outcomes of clients that reported files in versions newer than the catalog's ({@link
   * ClientOutcome#anomalies()}), whatever their status; they do not count as failures.
   */
  public List<ClientOutcome> anomalous() {
    return clients.stream().filter(client -> client.anomalies() > 0).toList();
  }

  /**
   * Writes the report as one UTF-8 JSON document, ending with a new line; flushes {@code out} and
   * leaves it open. Streams: memory does not grow with the number of clients.
   *
   * @throws IOException if {@code out} fails
   */
  public void writeJson(OutputStream out) throws IOException {
    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeNumberField("schemaVersion", 1);
      json.writeNumberField("catalogSerial", catalogSerial);
      json.writeStringField("state", state.name());
      json.writeStringField("started", started.toString());
      json.writeNumberField("elapsedMillis", elapsed.toMillis());
      json.writeNumberField("artifactsFromHeadEnd", artifactsFromHeadEnd);
      json.writeNumberField("bytesFromHeadEnd", bytesFromHeadEnd);
      json.writeNumberField("bytesToClients", bytesToClients());
      json.writeArrayFieldStart("waves");
      for (WaveReport wave : waves) {
        json.writeRaw('\n');
        json.writeStartObject();
        json.writeNumberField("index", wave.index());
        json.writeNumberField("size", wave.size());
        json.writeNumberField("succeeded", wave.succeeded());
        json.writeNumberField("failed", wave.failed());
        json.writeNumberField("notStarted", wave.notStarted());
        json.writeStringField("decision", wave.decision().name());
        json.writeStringField("reason", wave.reason());
        json.writeNumberField("elapsedMillis", wave.elapsed().toMillis());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("clients");
      for (ClientOutcome client : clients) {
        json.writeRaw('\n');
        json.writeStartObject();
        json.writeStringField("id", client.clientId());
        json.writeStringField("group", client.group());
        json.writeNumberField("wave", client.wave());
        json.writeStringField("status", client.status().name());
        json.writeNumberField("attempts", client.attempts());
        if (client.failedStep() != null) {
          json.writeStringField("failedStep", client.failedStep().name());
        }
        if (client.reason() != null) {
          json.writeStringField("reason", client.reason());
        }
        json.writeNumberField("anomalies", client.anomalies());
        json.writeNumberField("bytesToClient", client.bytesToClient());
        json.writeNumberField("elapsedMillis", client.elapsed().toMillis());
        json.writeBooleanField("fromJournal", client.fromJournal());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    }
    out.flush();
  }

  /**
   * The report as a table for people: a summary line, one line per wave, and one line per client
   * that did not succeed or reported anomalies, with its reason.
   */
  public String toTable() {
    StringBuilder table = new StringBuilder();
    try {
      writeTable(table);
    } catch (IOException e) {
      throw new UncheckedIOException("A StringBuilder does not fail", e);
    }
    return table.toString();
  }

  /**
   * Writes {@link #toTable()} to {@code out}, line by line.
   *
   * @throws IOException if {@code out} fails
   */
  public void writeTable(Appendable out) throws IOException {
    out.append(
        String.format(
            Locale.ROOT,
            "Campaign %s: catalog serial %d, %d clients, %d updated, %d up to date, "
                + "%d failed, %d cancelled, %d not started, %d with anomalies; "
                + "%d bytes from the head end, %d bytes to clients; %.1f s%n",
            state,
            catalogSerial,
            clients.size(),
            count(ClientOutcome.Status.UPDATED),
            count(ClientOutcome.Status.UP_TO_DATE),
            count(ClientOutcome.Status.FAILED),
            count(ClientOutcome.Status.CANCELLED),
            count(ClientOutcome.Status.NOT_STARTED),
            anomalous().size(),
            bytesFromHeadEnd,
            bytesToClients(),
            elapsed.toMillis() / 1000.0));
    out.append(
        String.format(
            Locale.ROOT,
            "%-5s %7s %9s %7s %11s %-22s %s%n",
            "WAVE",
            "CLIENTS",
            "SUCCEEDED",
            "FAILED",
            "NOT STARTED",
            "DECISION",
            "REASON"));
    for (WaveReport wave : waves) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-5d %7d %9d %7d %11d %-22s %s%n",
              wave.index(),
              wave.size(),
              wave.succeeded(),
              wave.failed(),
              wave.notStarted(),
              wave.decision(),
              wave.reason()));
    }
    // Anomalous clients that succeeded are listed too: an operator must see them, not only count.
    List<ClientOutcome> listed =
        clients.stream()
            .filter(client -> !client.status().succeeded() || client.anomalies() > 0)
            .toList();
    if (!listed.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-24s %-5s %-11s %8s %-9s %s%n",
              "CLIENT",
              "WAVE",
              "STATUS",
              "ATTEMPTS",
              "STEP",
              "REASON"));
      for (ClientOutcome client : listed) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-24s %-5d %-11s %8d %-9s %s%n",
                client.clientId(),
                client.wave(),
                client.status(),
                client.attempts(),
                client.failedStep() == null ? "-" : client.failedStep(),
                reasonOf(client)));
      }
    }
  }

  private static String reasonOf(ClientOutcome client) {
    String anomalies =
        client.anomalies() == 0
            ? null
            : client.anomalies() + (client.anomalies() == 1 ? " anomaly" : " anomalies");
    if (client.reason() == null) {
      return anomalies == null ? "-" : anomalies;
    }
    return anomalies == null ? client.reason() : client.reason() + "; " + anomalies;
  }
}
