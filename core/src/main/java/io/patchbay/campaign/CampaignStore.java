package io.patchbay.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a campaign keeps its state, so that it survives the gateway process and, for stores that
 * several processes can reach, so that several gateway workers share one campaign: the embedded
 * default is the journal file ({@link #journal(Path)}, one process), and {@code
 * patchbay-campaign-postgres} keeps it in PostgreSQL for many.
 *
 * <p>Implementations are thread-safe. A campaign opens the store once per {@link Campaign#run()}
 * and closes what it opened when the run ends.
 */
@FunctionalInterface
public interface CampaignStore {

  /**
   * Opens this worker's access to the campaign's state: one per run.
   *
   * @throws IOException if the state cannot be reached or read
   * @throws CampaignJournalException if a journal file is damaged
   */
  CampaignState open() throws IOException;

  /**
   * The journal file at {@code file}, created if missing, for one gateway process at a time: every
   * step is on disk before it is acted on (see {@link Campaign}).
   */
  static CampaignStore journal(Path file) {
    Objects.requireNonNull(file, "file");
    return () -> JournalState.open(file);
  }
}
