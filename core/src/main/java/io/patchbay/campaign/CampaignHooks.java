package io.patchbay.campaign;

import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.Step;
import io.patchbay.update.StepHooks;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * The campaign's hooks around one attempt at one client: waits for the window, records each step in
 * the journal before it is acted on, holds a transfer slot, shapes the bytes.
 */
final class CampaignHooks implements StepHooks {

  private final JournalWrites journal;
  private final WindowGate gate;
  private final BandwidthBudget budget;
  private final DirectoryEntry entry;
  private final int attempt;
  private Instant transferStarted;

  /**
   * Hooks for attempt {@code attempt} at {@code entry}; {@code budget} is null without a bandwidth
   * budget.
   */
  CampaignHooks(
      JournalWrites journal,
      WindowGate gate,
      BandwidthBudget budget,
      DirectoryEntry entry,
      int attempt) {
    this.journal = journal;
    this.gate = gate;
    this.budget = budget;
    this.entry = entry;
    this.attempt = attempt;
  }

  @Override
  public void beforeStep(Client client, Step step, CatalogEntry file) throws IOException {
    switch (step) {
      case INTERROGATE -> {
        gate.awaitWindow(entry, 0);
        journal.step(entry.id(), step, null, attempt);
      }
      case TRANSFER -> {
        gate.takeTransferSlot(entry, file.size());
        try {
          journal.step(entry.id(), step, file.name(), attempt);
        } catch (IOException | RuntimeException e) {
          gate.releaseTransferSlot();
          throw e;
        }
        transferStarted = gate.now();
      }
      case CONFIRM -> journal.step(entry.id(), step, null, attempt);
      default -> {
        // Fetching touches only the gateway and the head end: nothing to record or wait for.
      }
    }
  }

  @Override
  public void afterStep(
      Client client, Step step, CatalogEntry file, long bytes, Throwable failure) {
    if (step == Step.TRANSFER) {
      gate.transferFinished(transferStarted, bytes, failure == null);
    }
  }

  @Override
  public InputStream transferring(Client client, CatalogEntry file, InputStream bytes) {
    return budget == null ? bytes : budget.throttle(bytes);
  }
}
