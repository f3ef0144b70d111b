package io.patchbay.testkit;

import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import io.patchbay.update.UpdateListener;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link UpdateListener} that records every event, for assertions on what an orchestrator told
 * its listeners and in which order.
 *
 * <p>Thread-safe; events of different clients interleave as they happened.
 */
public final class RecordingListener implements UpdateListener {

  /** The kinds of event, one per listener method. */
  public enum Kind {
    /** {@link UpdateListener#catalogFetched}. */
    CATALOG_FETCHED,
    /** {@link UpdateListener#interrogated}. */
    INTERROGATED,
    /** {@link UpdateListener#planned}. */
    PLANNED,
    /** {@link UpdateListener#fileStarted}. */
    FILE_STARTED,
    /** {@link UpdateListener#bytesTransferred}. */
    BYTES_TRANSFERRED,
    /** {@link UpdateListener#fileFinished}. */
    FILE_FINISHED,
    /** {@link UpdateListener#clientFinished}. */
    CLIENT_FINISHED,
    /** {@link UpdateListener#runFinished}. */
    RUN_FINISHED
  }

  /**
   * One recorded event.
   *
   * @param kind which listener method was called
   * @param clientId the client, or {@code null} for run-wide events
   * @param fileName the file, or {@code null} for events not about one file
   * @param payload the event's main argument: the catalog, manifest, plan, byte count, outcome or
   *     report
   */
  public record Event(Kind kind, String clientId, String fileName, Object payload) {}

  private final List<Event> events = new ArrayList<>();

  /** Every event so far, in order. */
  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** The events of one client, in order. */
  public synchronized List<Event> eventsOf(String clientId) {
    return events.stream().filter(event -> clientId.equals(event.clientId())).toList();
  }

  /** The kinds of one client's events, in order, without byte progress. */
  public List<Kind> milestonesOf(String clientId) {
    return eventsOf(clientId).stream()
        .map(Event::kind)
        .filter(kind -> kind != Kind.BYTES_TRANSFERRED)
        .toList();
  }

  /** Every file outcome reported, in order. */
  public List<FileOutcome> outcomes() {
    return payloads(Kind.FILE_FINISHED, FileOutcome.class);
  }

  /** Every client report, in order. */
  public List<UpdateReport> clientReports() {
    return payloads(Kind.CLIENT_FINISHED, UpdateReport.class);
  }

  private synchronized <T> List<T> payloads(Kind kind, Class<T> type) {
    List<T> payloads = new ArrayList<>();
    for (Event event : events) {
      if (event.kind() == kind) {
        payloads.add(type.cast(event.payload()));
      }
    }
    return payloads;
  }

  private synchronized void record(Kind kind, Client client, String fileName, Object payload) {
    events.add(new Event(kind, client == null ? null : client.id(), fileName, payload));
  }

  @Override
  public void catalogFetched(Catalog catalog) {
    record(Kind.CATALOG_FETCHED, null, null, catalog);
  }

  @Override
  public void interrogated(Client client, Manifest current) {
    record(Kind.INTERROGATED, client, null, current);
  }

  @Override
  public void planned(Client client, UpdatePlan plan) {
    record(Kind.PLANNED, client, null, plan);
  }

  @Override
  public void fileStarted(Client client, PlannedFile file) {
    record(Kind.FILE_STARTED, client, file.name(), file);
  }

  @Override
  public void bytesTransferred(Client client, PlannedFile file, long total) {
    record(Kind.BYTES_TRANSFERRED, client, file.name(), total);
  }

  @Override
  public void fileFinished(Client client, FileOutcome outcome) {
    record(Kind.FILE_FINISHED, client, outcome.name(), outcome);
  }

  @Override
  public void clientFinished(UpdateReport report) {
    record(Kind.CLIENT_FINISHED, report.client(), null, report);
  }

  @Override
  public void runFinished(FleetReport report) {
    record(Kind.RUN_FINISHED, null, null, report);
  }
}
