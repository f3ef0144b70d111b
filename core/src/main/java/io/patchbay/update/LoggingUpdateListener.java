package io.patchbay.update;

import io.patchbay.internal.Untrusted;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.plan.Action;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an update's milestones to slf4j: plans and successes at INFO, failures, anomalies and
 * unrepaired drift at WARN, per-file starts at DEBUG. Byte-level progress is not logged.
 */
public final class LoggingUpdateListener implements UpdateListener {

  private final Logger log;

  /** Logs to the logger named {@code io.patchbay.update}. */
  public LoggingUpdateListener() {
    this(LoggerFactory.getLogger("io.patchbay.update"));
  }

  /** Logs to {@code log}. */
  public LoggingUpdateListener(Logger log) {
    this.log = log;
  }

  @Override
  public void catalogFetched(Catalog catalog) {
    log.info("Catalog serial {} with {} files", catalog.serial(), catalog.files().size());
  }

  @Override
  public void planned(Client client, UpdatePlan plan) {
    log.info(
        "Client {}: {} of {} files to transfer {}",
        client.id(),
        plan.transfers().size(),
        plan.files().size(),
        plan.countByAction());
  }

  @Override
  public void fileFinished(Client client, FileOutcome outcome) {
    switch (outcome.status()) {
      case UPDATED ->
          log.info(
              "Client {}: {} {} -> {} ({} bytes in {} ms)",
              client.id(),
              outcome.name(),
              outcome.fromVersion(),
              outcome.toVersion(),
              outcome.bytes(),
              outcome.elapsed().toMillis());
      case FAILED, CANCELLED ->
          log.warn(
              "Client {}: {} {} at {}: {}",
              client.id(),
              outcome.name(),
              outcome.status(),
              outcome.failedStep(),
              describe(outcome.error()));
      case UNCHANGED -> {
        // Left alone but not in order: an operator must hear of it without turning on DEBUG.
        if (outcome.action() == Action.ANOMALY || outcome.action() == Action.DRIFT_REPORTED) {
          log.warn(
              "Client {}: {} {}: client reports {}, catalog has {}",
              client.id(),
              outcome.name(),
              outcome.action(),
              Untrusted.quote(outcome.fromVersion()),
              outcome.toVersion());
        } else {
          log.debug("Client {}: {} unchanged ({})", client.id(), outcome.name(), outcome.action());
        }
      }
    }
  }

  @Override
  public void clientFinished(UpdateReport report) {
    if (report.succeeded()) {
      log.info(
          "Client {}: done, {} files updated, {} bytes in {} ms",
          report.client().id(),
          report.updatedCount(),
          report.bytesTransferred(),
          report.elapsed().toMillis());
    } else if (report.error() != null) {
      log.warn(
          "Client {}: failed at {}: {}",
          report.client().id(),
          report.failedStep(),
          describe(report.error()));
    } else {
      log.warn(
          "Client {}: {} of {} files did not update",
          report.client().id(),
          report.failures().size(),
          report.files().size());
    }
  }

  @Override
  public void runFinished(FleetReport report) {
    log.info(
        "Run done: {} clients, {} failed, {} with anomalies, {} artifacts ({} bytes) from the head end, {} reused, {} bytes to clients",
        report.clients().size(),
        report.failures().size(),
        report.anomalous().size(),
        report.artifactsFetched(),
        report.bytesFetched(),
        report.artifactsReused(),
        report.bytesTransferred());
  }

  private static String describe(Throwable error) {
    return error == null
        ? "no error recorded"
        : error.getClass().getSimpleName() + ": " + Untrusted.quote(error.getMessage());
  }
}
