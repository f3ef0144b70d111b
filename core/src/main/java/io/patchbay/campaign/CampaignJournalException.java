package io.patchbay.campaign;

import io.patchbay.PatchbayException;
import java.nio.file.Path;

/**
 * Thrown when a campaign journal cannot be used: a record in its middle is damaged (a torn last
 * record is not an error: it is dropped), or it belongs to another catalog than the head end now
 * serves. The journal is left as it was, for an operator to look at.
 */
public final class CampaignJournalException extends PatchbayException {

  private final Path journal;
  private final long position;

  /**
   * Creates the error for {@code journal} at byte {@code position} (or -1 if not about a record).
   */
  public CampaignJournalException(Path journal, long position, String problem) {
    super(
        "Campaign journal "
            + journal
            + (position >= 0 ? " at byte " + position : "")
            + ": "
            + problem);
    this.journal = journal;
    this.position = position;
  }

  /** The journal file. */
  public Path journal() {
    return journal;
  }

  /** Where the damaged record starts, or -1. */
  public long position() {
    return position;
  }
}
