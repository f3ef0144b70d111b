package io.patchbay.campaign;

import io.patchbay.report.Step;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign's policy on a state ({@link CampaignState}: the journal, or a shared store) that
 * cannot be written or read: nothing may be acted on unrecorded, so the first failed call cancels
 * the campaign, and {@link Campaign#run()} throws that failure once the clients in progress have
 * stopped. An interrupted call is a cancel, not a failure; a lost lease fails only its client's
 * step.
 */
final class JournalWrites {

  private static final Logger LOG = LoggerFactory.getLogger(Campaign.class);

  private final CampaignState state;
  private final CampaignControl control;
  private volatile IOException failure;

  JournalWrites(CampaignState state, CampaignControl control) {
    this.state = state;
    this.control = control;
  }

  /** A write to the state. */
  @FunctionalInterface
  interface Write {
    void to(CampaignState state) throws IOException;
  }

  /** A read of the state. */
  @FunctionalInterface
  interface Read<T> {
    T from(CampaignState state) throws IOException;
  }

  /** Writes, and on failure cancels the campaign instead of throwing. */
  void record(Write write) {
    read(
        to -> {
          write.to(to);
          return null;
        },
        null);
  }

  /**
   * Reads, and on failure cancels the campaign and returns {@code ifFailed} instead of throwing.
   */
  <T> T read(Read<T> read, T ifFailed) {
    try {
      return read.from(state);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      failed(e);
    }
    return ifFailed;
  }

  /**
   * Records that a client is about to act on {@code step}; throws, so that the step is not acted
   * on, and on failure (other than a lost lease) cancels the campaign too.
   */
  void step(String clientId, Step step, String fileName, int attempt) throws IOException {
    try {
      state.step(clientId, step, fileName, attempt);
    } catch (InterruptedIOException | ClientLeaseLostException e) {
      throw e;
    } catch (IOException e) {
      failed(e);
      throw e;
    }
  }

  /** Throws the failure that stopped the campaign, if one did. */
  void throwIfFailed() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }

  private void failed(IOException e) {
    if (failure == null) {
      failure = e;
      LOG.error("Campaign state failed; cancelling the campaign", e);
    }
    control.cancel();
  }
}
