package io.patchbay.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Receives a campaign's transitions (campaign, wave and client), so an embedder can forward them to
 * its own management system. For file-level progress, add an {@link
 * io.patchbay.update.UpdateListener} to the orchestrator.
 *
 * <p>Called from the campaign's threads, concurrently for different clients: implementations must
 * be thread-safe and quick. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface CampaignListener {

  /** Does nothing. */
  CampaignListener NONE = new CampaignListener() {};

  /**
   * The campaign started (or resumed from its journal) against the catalog of {@code
   * catalogSerial}, with waves of these sizes.
   */
  default void campaignStarted(long catalogSerial, List<Integer> waveSizes, boolean resumed) {}

  /** A wave starts. */
  default void waveStarted(int wave, int size) {}

  /** An attempt at a client starts. */
  default void clientStarted(String clientId, int wave, int attempt) {}

  /** A client waits for its maintenance window to open (or for one long enough for a transfer). */
  default void clientWaiting(String clientId, Instant until) {}

  /** A client failed and will be tried again after {@code backoff}. */
  default void clientRetrying(String clientId, int attempt, Duration backoff, String reason) {}

  /** A client's outcome is final for this run. */
  default void clientFinished(ClientOutcome outcome) {}

  /** A wave is over and judged. */
  default void waveFinished(WaveReport wave) {}

  /** {@link Campaign#pause()} took effect: no new client starts. */
  default void campaignPaused() {}

  /** {@link Campaign#resume()} took effect. */
  default void campaignResumed() {}

  /** The campaign is over: completed, halted or cancelled. */
  default void campaignFinished(CampaignReport report) {}
}
