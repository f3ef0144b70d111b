package io.patchbay.update;

import io.patchbay.fetch.ArtifactStore;
import io.patchbay.fetch.SpoolingArtifactStore;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.Planner;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A series of client updates against one catalog and one artifact store, driven by the caller: what
 * {@link UpdateOrchestrator#updateAll} does in one call, opened for callers that decide themselves
 * which client to update when, such as a campaign rolling out in waves.
 *
 * <p>Opened with {@link UpdateOrchestrator#openSession()}; thread-safe: {@link #update} may run
 * concurrently on many threads. An artifact needed by many clients of a session is downloaded once.
 * Close the session when done: without an artifact store of the orchestrator's, it deletes the
 * artifacts it spooled.
 */
public final class UpdateSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateSession.class);

  private final UpdateOrchestrator orchestrator;
  private final ClientUpdate.Run run;
  private final CountingCatalog source;
  private final SpoolingArtifactStore ownStore;

  private UpdateSession(
      UpdateOrchestrator orchestrator,
      ClientUpdate.Run run,
      CountingCatalog source,
      SpoolingArtifactStore ownStore) {
    this.orchestrator = orchestrator;
    this.run = run;
    this.source = source;
    this.ownStore = ownStore;
  }

  static UpdateSession open(
      UpdateOrchestrator orchestrator, Catalog catalog, CountingCatalog source, ArtifactStore store)
      throws IOException {
    SpoolingArtifactStore ownStore = store == null ? SpoolingArtifactStore.create() : null;
    ArtifactStore used = store == null ? ownStore : store;
    return new UpdateSession(
        orchestrator,
        new ClientUpdate.Run(catalog, used, source, new Cancellation(), new AtomicLong()),
        source,
        ownStore);
  }

  /** The catalog every client of this session is planned against. */
  public Catalog catalog() {
    return run.catalog();
  }

  /** Updates one client; see {@link #update(Client, StepHooks)}. */
  public UpdateReport update(Client client) {
    return update(client, StepHooks.NONE);
  }

  /**
   * Updates one client on the calling thread, calling {@code hooks} around its steps. Never throws
   * for what the client, the head end or the network did: every failure is in the report. Blocks
   * until the client is done, or {@link #cancel()} stops it.
   */
  public UpdateReport update(Client client, StepHooks hooks) {
    run.cancellation().enter();
    try {
      return new ClientUpdate(orchestrator, run, client, hooks).run();
    } catch (RuntimeException | Error e) {
      // ClientUpdate reports every failure it expects; this is a bug or a VM error, and must still
      // not leave the caller without a report.
      LOG.error("Update of client {} crashed", client.id(), e);
      UpdateReport report = orchestrator.notStarted(client, Step.INTERROGATE, e);
      if (e instanceof Error error) {
        throw error;
      }
      return report;
    } finally {
      run.cancellation().leave();
    }
  }

  /**
   * Interrogates {@code client} and plans its update against this session's catalog, changing
   * nothing and telling no listener: what {@link #update} would do. Blocks for the interrogation,
   * within the orchestrator's interrogation timeout. Thread-safe; a caller planning many clients
   * catches each one's failure and goes on with the next.
   *
   * @throws IOException if the client cannot be reached or does not answer in time
   * @throws io.patchbay.PatchbayException if its answer breaks the protocol or the manifest format
   */
  public UpdatePlan plan(Client client) throws IOException {
    Manifest current =
        orchestrator
            .deadline()
            .run(
                client.id(),
                Step.INTERROGATE,
                () -> orchestrator.interrogator().interrogate(client));
    return Planner.plan(
        client, current, run.catalog(), orchestrator.schemes(), orchestrator.policy());
  }

  /**
   * Cancels the session: updates in progress stop (their I/O is aborted through their {@link
   * io.patchbay.spi.AbortSignal} and their threads are interrupted) and report their remaining
   * files cancelled, and later updates report cancelled at once. Idempotent.
   */
  public void cancel() {
    run.cancellation().cancel();
  }

  /** Tells whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return run.cancellation().isCancelled();
  }

  /** How many distinct artifacts this session downloaded from the head end. */
  public long artifactsFetched() {
    return source.artifactsOpened();
  }

  /** How many bytes this session downloaded from the head end. */
  public long bytesFetched() {
    return source.bytesRead();
  }

  /** How many times a client's artifact came from the store instead of a download of its own. */
  public long artifactsReused() {
    return Math.max(0, run.fetches().get() - source.artifactsOpened());
  }

  /**
   * Ends the session, deleting the artifacts it spooled itself; an orchestrator's artifact store is
   * left open. Idempotent.
   *
   * @throws IOException if spooled artifacts cannot be deleted
   */
  @Override
  public void close() throws IOException {
    if (ownStore != null) {
      ownStore.close();
    }
  }
}
