package io.patchbay.campaign;

import io.patchbay.report.Step;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign's policy on a journal that cannot be written: nothing may be acted on unrecorded, so
 * the first failed write cancels the campaign, and {@link Campaign#run()} throws that failure once
 * the clients in progress have stopped. An interrupted write is a cancel, not a failure.
 */
final class JournalWrites {

  private static final Logger LOG = LoggerFactory.getLogger(Campaign.class);

  private final Journal journal;
  private final CampaignControl control;
  private volatile IOException failure;

  JournalWrites(Journal journal, CampaignControl control) {
    this.journal = journal;
    this.control = control;
  }

  /** A write to the journal. */
  @FunctionalInterface
  interface Write {
    void to(Journal journal) throws IOException;
  }

  /** Writes, and on failure cancels the campaign instead of throwing. */
  void record(Write write) {
    try {
      write.to(journal);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      failed(e);
    }
  }

  /**
   * Records that a client is about to act on {@code step}; throws, so that the step is not acted
   * on, and on failure cancels the campaign too.
   */
  void step(String clientId, Step step, String fileName, int attempt) throws IOException {
    try {
      journal.step(clientId, step, fileName, attempt);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      failed(e);
      throw e;
    }
  }

  /** Throws the write failure that stopped the campaign, if one did. */
  void throwIfFailed() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }

  private void failed(IOException e) {
    if (failure == null) {
      failure = e;
      LOG.error("Campaign journal failed; cancelling the campaign", e);
    }
    control.cancel();
  }
}
