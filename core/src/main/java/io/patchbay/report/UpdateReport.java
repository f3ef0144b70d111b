package io.patchbay.report;

import io.patchbay.model.Client;
import io.patchbay.plan.Action;
import io.patchbay.plan.UpdatePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened when one client was updated: its plan and the outcome of every file, or the step at
 * which the whole client failed.
 *
 * @param client the client
 * @param started when its update started
 * @param elapsed how long it took
 * @param plan the plan, or {@code null} if the update failed before planning
 * @param files one outcome per planned file, in plan order
 * @param failedStep the step that failed for the whole client (catalog, interrogation, planning,
 *     confirmation), or {@code null}
 * @param error why the whole client failed, or {@code null}
 */
public record UpdateReport(
    Client client,
    Instant started,
    Duration elapsed,
    UpdatePlan plan,
    List<FileOutcome> files,
    Step failedStep,
    Throwable error) {

  /** Copies the list and checks the required fields. */
  public UpdateReport {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    files = List.copyOf(files);
  }

  /**
   * Tells whether the client ended with every planned file in place and nothing failed. {@link
   * #anomalies()} do not count against it.
   */
  public boolean succeeded() {
    return error == null && files.stream().allMatch(FileOutcome::succeeded);
  }

  /** The outcomes that did not succeed. */
  public List<FileOutcome> failures() {
    return files.stream().filter(file -> !file.succeeded()).toList();
  }

  /**
   * The files the client reports in a version newer than the catalog's, which the head end never
   * published ({@link Action#ANOMALY}). They were left alone; they do not make the client fail, but
   * an operator should look into them.
   */
  public List<FileOutcome> anomalies() {
    return files.stream().filter(file -> file.action() == Action.ANOMALY).toList();
  }

  /** How many files the client now holds in the head end's version thanks to this update. */
  public long updatedCount() {
    return files.stream().filter(file -> file.status() == FileOutcome.Status.UPDATED).count();
  }

  /** Bytes sent to the client. */
  public long bytesTransferred() {
    return files.stream().mapToLong(FileOutcome::bytes).sum();
  }
}
