package io.patchbay.campaign;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a finished wave lets the campaign go on, judged on its clients' outcomes against the
 * plan's error limit and success threshold, with the reason the report and the journal give. A
 * {@link CampaignState} records it once for every worker of the campaign.
 *
 * @param decision what the campaign does after the wave
 * @param reason why, for people
 */
public record WaveVerdict(WaveReport.Decision decision, String reason) {

  /** Checks the fields. */
  public WaveVerdict {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Judges a wave of {@code size} clients. A cancelled campaign's wave is {@link
   * WaveReport.Decision#CANCELLED} if the cancel stopped any of its clients, so that the journal
   * does not record a verdict on clients that never ran to their end.
   */
  static WaveVerdict of(WavePlan plan, List<ClientOutcome> results, int size, boolean cancelled) {
    WaveReport.Decision decision = decide(plan, results, size, cancelled);
    return new WaveVerdict(decision, reasonFor(plan, decision, results, size));
  }

  private static WaveReport.Decision decide(
      WavePlan plan, List<ClientOutcome> results, int size, boolean cancelled) {
    if (cancelled
        && results.stream()
            .anyMatch(
                result ->
                    !result.fromJournal()
                        && (result.status() == ClientOutcome.Status.CANCELLED
                            || result.status() == ClientOutcome.Status.NOT_STARTED))) {
      return WaveReport.Decision.CANCELLED;
    }
    if (plan.exceedsErrorLimit(failed(results), size)) {
      return WaveReport.Decision.HALTED_ERROR_LIMIT;
    }
    if (succeeded(results) < plan.successThreshold() * size) {
      return WaveReport.Decision.HALTED_BELOW_THRESHOLD;
    }
    return WaveReport.Decision.PASSED;
  }

  private static String reasonFor(
      WavePlan plan, WaveReport.Decision decision, List<ClientOutcome> results, int size) {
    return switch (decision) {
      case PASSED ->
          String.format(
              Locale.ROOT,
              "%d of %d succeeded; %.0f%% needed",
              succeeded(results),
              size,
              plan.successThreshold() * 100);
      case HALTED_ERROR_LIMIT ->
          String.format(
              Locale.ROOT,
              "%d of %d failed, over the error limit of %.0f%%",
              failed(results),
              size,
              plan.errorLimit() * 100);
      case HALTED_BELOW_THRESHOLD ->
          String.format(
              Locale.ROOT,
              "only %d of %d succeeded; %.0f%% needed",
              succeeded(results),
              size,
              plan.successThreshold() * 100);
      case CANCELLED -> CampaignControl.CANCELLED_REASON;
      case NOT_RUN -> "not run";
    };
  }

  static int succeeded(List<ClientOutcome> results) {
    return (int) results.stream().filter(result -> result.status().succeeded()).count();
  }

  static int failed(List<ClientOutcome> results) {
    return (int)
        results.stream().filter(result -> result.status() == ClientOutcome.Status.FAILED).count();
  }
}
