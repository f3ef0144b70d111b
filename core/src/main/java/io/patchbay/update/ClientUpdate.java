package io.patchbay.update;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.fetch.Artifact;
import io.patchbay.fetch.ArtifactStore;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.EntryProof;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.plan.Action;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.Planner;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FileOutcome.Status;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.version.InvalidVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's update within a run: interrogate, plan, fetch and transfer each file, confirm,
 * report. Never throws: every failure ends up in the report, at the step where it happened.
 */
final class ClientUpdate {

  private final UpdateOrchestrator orchestrator;
  private final Run run;
  private final Client client;
  private final StepHooks hooks;
  private final Instant started;
  private final long startNanos = System.nanoTime();

  ClientUpdate(UpdateOrchestrator orchestrator, Run run, Client client, StepHooks hooks) {
    this.orchestrator = orchestrator;
    this.run = run;
    this.client = client;
    this.hooks = hooks;
    this.started = orchestrator.clock().instant();
  }

  /**
   * What a run shares between its clients.
   *
   * @param fetches how many times a client needed an artifact from the store
   */
  record Run(
      Catalog catalog,
      ArtifactStore store,
      CentralCatalog source,
      Cancellation cancellation,
      AtomicLong fetches) {}

  UpdateReport run() {
    Manifest current;
    try {
      current =
          step(Step.INTERROGATE, null, null, () -> orchestrator.interrogator().interrogate(client));
    } catch (Exception e) {
      return report(null, List.of(), Step.INTERROGATE, e);
    }
    orchestrator.listener().interrogated(client, current);

    UpdatePlan plan;
    try {
      plan =
          Planner.plan(
              client, current, run.catalog(), orchestrator.schemes(), orchestrator.policy());
    } catch (RuntimeException e) {
      return report(null, List.of(), Step.PLAN, e);
    }
    orchestrator.listener().planned(client, plan);

    List<FileOutcome> outcomes = new ArrayList<>(plan.files().size());
    List<Sent> sent = new ArrayList<>();
    for (PlannedFile file : plan.files()) {
      if (!file.action().transfers()) {
        outcomes.add(finished(notTransferred(file)));
      } else if (run.cancellation().isCancelled()) {
        outcomes.add(
            finished(
                outcome(
                    file,
                    Status.CANCELLED,
                    0,
                    Duration.ZERO,
                    null,
                    new CancellationException("Run cancelled"))));
      } else {
        Sent moved = new Sent(file, outcomes.size());
        outcomes.add(null);
        FileOutcome failure = move(moved);
        if (failure != null) {
          outcomes.set(moved.index, finished(failure));
        } else {
          sent.add(moved);
        }
      }
    }
    confirm(sent, outcomes);
    return report(plan, outcomes, null, null);
  }

  /**
   * Fetches and transfers one file; returns its failure, or {@code null} once the client accepted
   * it.
   */
  private FileOutcome move(Sent file) {
    orchestrator.listener().fileStarted(client, file.planned);
    AtomicLong bytes = new AtomicLong();
    Step step = Step.FETCH;
    try {
      CatalogEntry target = file.planned.target();
      run.fetches().incrementAndGet();
      try (Artifact artifact =
          step(Step.FETCH, target, null, () -> run.store().fetch(target, run.source()))) {
        step = Step.TRANSFER;
        Artifact shaped = new DeliveredArtifact(artifact, run.catalog().proofOf(target));
        step(
            Step.TRANSFER,
            target,
            bytes,
            () -> {
              orchestrator
                  .transferer()
                  .transfer(
                      client,
                      shaped,
                      total -> {
                        bytes.set(total);
                        orchestrator.listener().bytesTransferred(client, file.planned, total);
                      });
              return null;
            });
      }
      file.elapsed = elapsedSince(file.startNanos);
      return null;
    } catch (Exception e) {
      Status status = isCancellation(e) ? Status.CANCELLED : Status.FAILED;
      return outcome(file.planned, status, bytes.get(), elapsedSince(file.startNanos), step, e);
    }
  }

  /**
   * Interrogates the client again, after the configured settle delay and with its retries: a file
   * counts as updated only if the client now reports it.
   */
  private void confirm(List<Sent> sent, List<FileOutcome> outcomes) {
    if (sent.isEmpty()) {
      return;
    }
    UpdateOrchestrator.Confirmation confirmation = orchestrator.confirmation();
    Manifest after = null;
    Exception failure = null;
    for (int attempt = 0; attempt <= confirmation.retries(); attempt++) {
      try {
        settle(attempt == 0 ? confirmation.settleDelay() : confirmation.retryInterval());
        after =
            step(Step.CONFIRM, null, null, () -> orchestrator.interrogator().interrogate(client));
        failure = null;
        if (unconfirmed(sent, after) == 0) {
          break;
        }
      } catch (Exception e) {
        failure = e;
        if (isCancellation(e)) {
          break;
        }
      }
    }
    for (Sent file : sent) {
      outcomes.set(
          file.index,
          finished(
              failure != null
                  ? outcome(
                      file.planned, Status.FAILED, file.size(), file.elapsed, Step.CONFIRM, failure)
                  : confirmed(file, after)));
    }
  }

  private static long unconfirmed(List<Sent> sent, Manifest after) {
    return sent.stream().filter(file -> !reports(after, file.planned.target())).count();
  }

  private static boolean reports(Manifest after, CatalogEntry target) {
    FileEntry reported = after.files().get(target.name());
    return reported != null && reported.matches(target.version(), target.sha256());
  }

  private FileOutcome confirmed(Sent file, Manifest after) {
    CatalogEntry target = file.planned.target();
    if (reports(after, target)) {
      return outcome(file.planned, Status.UPDATED, file.size(), file.elapsed, null, null);
    }
    FileEntry reported = after.files().get(target.name());
    return outcome(
        file.planned,
        Status.FAILED,
        file.size(),
        file.elapsed,
        Step.CONFIRM,
        new UnconfirmedUpdateException(
            client.id(),
            target.name(),
            target.version(),
            reported == null ? null : reported.version()));
  }

  private void settle(Duration delay) throws InterruptedIOException {
    try {
      orchestrator.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "Interrupted while waiting to confirm client " + client.id());
    }
  }

  private FileOutcome notTransferred(PlannedFile file) {
    if (file.action() != Action.INVALID_VERSION) {
      return outcome(file, Status.UNCHANGED, 0, Duration.ZERO, null, null);
    }
    // The orchestrator validated the catalog's versions, so it is the client's that is invalid;
    // validating it again recovers the typed error the plan only holds as its reason.
    InvalidVersionException error;
    try {
      orchestrator
          .schemes()
          .get(run.catalog().schemeOf(file.target()))
          .validate(file.currentVersion());
      error = InvalidVersionException.of(file.currentVersion(), null, file.reason());
    } catch (InvalidVersionException e) {
      error = e.forFile(file.name());
    }
    return outcome(file, Status.FAILED, 0, Duration.ZERO, Step.PLAN, error);
  }

  private FileOutcome outcome(
      PlannedFile file,
      Status status,
      long bytes,
      Duration elapsed,
      Step failedStep,
      Throwable error) {
    return new FileOutcome(
        file.name(),
        file.action(),
        status,
        file.currentVersion(),
        file.centralVersion(),
        bytes,
        elapsed,
        failedStep,
        error);
  }

  private FileOutcome finished(FileOutcome outcome) {
    orchestrator.listener().fileFinished(client, outcome);
    return outcome;
  }

  private UpdateReport report(
      UpdatePlan plan, List<FileOutcome> outcomes, Step failedStep, Exception error) {
    UpdateReport report =
        new UpdateReport(
            client, started, elapsedSince(startNanos), plan, outcomes, failedStep, error);
    orchestrator.listener().clientFinished(report);
    return report;
  }

  /**
   * Runs one step under its deadline, with the caller's hooks around it.
   *
   * @param file the artifact the step is about, or {@code null}
   * @param bytes where a transfer counts the bytes sent, or {@code null}
   */
  private <T> T step(Step step, CatalogEntry file, AtomicLong bytes, StepDeadline.Call<T> call)
      throws IOException {
    if (run.cancellation().isCancelled()) {
      throw new CancellationException("Run cancelled before " + step);
    }
    hooks.beforeStep(client, step, file);
    Throwable failure = null;
    try {
      return orchestrator.deadline().run(client.id(), step, call);
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      hooks.afterStep(client, step, file, bytes == null ? 0 : bytes.get(), failure);
    }
  }

  /**
   * An artifact as it goes to the client: with the catalog's proof for it, and its bytes passing
   * through {@link StepHooks#transferring}.
   */
  private final class DeliveredArtifact implements Artifact {
    private final Artifact artifact;
    private final Optional<EntryProof> proof;

    DeliveredArtifact(Artifact artifact, Optional<EntryProof> proof) {
      this.artifact = artifact;
      this.proof = proof;
    }

    @Override
    public Optional<EntryProof> proof() {
      return proof;
    }

    @Override
    public CatalogEntry entry() {
      return artifact.entry();
    }

    @Override
    public InputStream open() throws IOException {
      InputStream bytes = artifact.open();
      return hooks == StepHooks.NONE ? bytes : hooks.transferring(client, artifact.entry(), bytes);
    }
  }

  private boolean isCancellation(Exception e) {
    return e instanceof CancellationException
        || (run.cancellation().isCancelled()
            && (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException));
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** A file the client accepted, waiting for confirmation. */
  private static final class Sent {
    final PlannedFile planned;
    final int index;
    final long startNanos = System.nanoTime();
    Duration elapsed = Duration.ZERO;

    Sent(PlannedFile planned, int index) {
      this.planned = planned;
      this.index = index;
    }

    long size() {
      return planned.target().size();
    }
  }
}
