package io.patchbay.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test seam: what a campaign journal on disk holds, for tests outside this package that must look
 * into a journal without running a campaign over it, such as the testkit's crash test, which checks
 * the journal a killed gateway left behind. It lives in core's test jar, never in core itself: the
 * journal's format stays package-private.
 *
 * @param started whether the journal holds a campaign's plan
 * @param done the outcomes of the clients that finished, by client id
 * @param finished how the campaign ended, or {@code null} while it has not
 * @param validLength how many bytes from the start are whole records; past them is a torn write
 */
public record JournalContents(
    boolean started,
    Map<String, ClientOutcome> done,
    CampaignReport.State finished,
    long validLength) {

  /**
   * Reads the journal at {@code file} as a resuming campaign would, dropping a torn last record.
   */
  public static JournalContents read(Path file) throws IOException {
    Journal.Replay replay = Journal.replay(file);
    return new JournalContents(
        replay.started(), Map.copyOf(replay.done), replay.finished, replay.validLength);
  }
}
