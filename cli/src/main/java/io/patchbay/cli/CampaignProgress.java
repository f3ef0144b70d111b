package io.patchbay.cli;

import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.WaveReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Shows a campaign's progress as plain lines: one when it starts, one per wave started and judged,
 * one per client waiting for its window or retried, and one per client outcome. Lines, not a
 * redrawn display: a campaign runs for hours, and its output usually goes to a log.
 */
final class CampaignProgress implements CampaignListener {

  private final PrintWriter out;

  CampaignProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void campaignStarted(long catalogSerial, List<Integer> waveSizes, boolean resumed) {
    line(
        "Campaign for catalog serial %d: %d waves of %s clients%s",
        catalogSerial, waveSizes.size(), waveSizes, resumed ? ", resumed from the journal" : "");
  }

  @Override
  public void waveStarted(int wave, int size) {
    line("Wave %d started: %d clients", wave, size);
  }

  @Override
  public void clientWaiting(String clientId, Instant until) {
    line("%s: waiting for its maintenance window, until %s", clientId, until);
  }

  @Override
  public void clientRetrying(String clientId, int attempt, Duration backoff, String reason) {
    line(
        "%s: attempt %d failed, retrying in %d s: %s",
        clientId, attempt, backoff.toSeconds(), reason);
  }

  @Override
  public void clientFinished(ClientOutcome outcome) {
    StringBuilder text =
        new StringBuilder(outcome.clientId())
            .append(": ")
            .append(outcome.status())
            .append(" (wave ")
            .append(outcome.wave());
    if (outcome.fromJournal()) {
      text.append(", from the journal");
    } else {
      text.append(", ").append(outcome.attempts()).append(" attempts");
    }
    text.append(", ").append(Sizes.format(outcome.bytesToClient())).append(" to the client)");
    if (outcome.failedStep() != null) {
      text.append(" at ").append(outcome.failedStep());
    }
    if (outcome.reason() != null) {
      text.append(": ").append(outcome.reason());
    }
    line("%s", text);
  }

  @Override
  public void waveFinished(WaveReport wave) {
    line(
        "Wave %d %s: %d succeeded, %d failed, %d not started: %s",
        wave.index(),
        wave.decision(),
        wave.succeeded(),
        wave.failed(),
        wave.notStarted(),
        wave.reason());
  }

  private synchronized void line(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
