package io.patchbay.update;

import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;

/**
 * Receives progress and outcomes while an {@link UpdateOrchestrator} works, so an embedder can show
 * progress or forward events to its management system without parsing logs.
 *
 * <p>Called from the orchestrator's worker threads, concurrently for different clients and in order
 * for one client: implementations must be thread-safe and quick. An exception thrown by a listener
 * is logged and otherwise ignored; it never changes an update's course.
 */
public interface UpdateListener {

  /** Does nothing. */
  UpdateListener NONE = new UpdateListener() {};

  /**
   * The head end's catalog was fetched and checked; every client of the run is planned against it.
   */
  default void catalogFetched(Catalog catalog) {}

  /** The client reported its current list. */
  default void interrogated(Client client, Manifest current) {}

  /** The client's plan is made. */
  default void planned(Client client, UpdatePlan plan) {}

  /** A file is about to be fetched and transferred. */
  default void fileStarted(Client client, PlannedFile file) {}

  /** Bytes of a file reached the client; {@code total} counts from the start of the file. */
  default void bytesTransferred(Client client, PlannedFile file, long total) {}

  /** A file's outcome is final (after confirmation for transferred files). */
  default void fileFinished(Client client, FileOutcome outcome) {}

  /** A client's update is over, successfully or not. */
  default void clientFinished(UpdateReport report) {}

  /** A run over many clients is over. */
  default void runFinished(FleetReport report) {}
}
