package io.patchbay.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a campaign's journal records so far, read without running the campaign: for status commands
 * and monitoring. It reads the file once, as a resuming campaign would (a torn last record is
 * ignored, the file is not changed), and may be taken while the campaign runs: it then shows the
 * records written up to that moment.
 *
 * @param started whether the journal holds a campaign's plan; if not, the other fields are empty
 * @param catalogSerial the serial of the catalog the campaign rolls out (0 if not started)
 * @param waves the campaign's waves, in order
 * @param outcomes the outcomes recorded so far, by client id in wave order: a client missing here
 *     has not finished (see {@link #inFlight()})
 * @param inFlight clients that were started (a step was recorded) but have no outcome yet; a
 *     resumed campaign interrogates them again
 * @param finished how the campaign ended, or {@code null} while it has not
 */
public record JournalSnapshot(
    boolean started,
    long catalogSerial,
    List<Wave> waves,
    Map<String, ClientOutcome> outcomes,
    Set<String> inFlight,
    CampaignReport.State finished) {

  /**
   * One wave as the journal records it.
   *
   * @param index the wave's number, from 0 (the canary)
   * @param clients the ids of its clients, in order
   * @param decision what the campaign decided after it, or {@code null} while it is not judged
   * @param reason the decision's reason, or {@code null}
   */
  public record Wave(int index, List<String> clients, WaveReport.Decision decision, String reason) {
    /** Copies the list. */
    public Wave {
      clients = List.copyOf(clients);
    }
  }

  /** Copies the collections. */
  public JournalSnapshot {
    waves = List.copyOf(waves);
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    inFlight = Set.copyOf(inFlight);
  }

  /**
   * Reads the journal at {@code file}. Outcomes carry their wave; their group is {@link
   * DirectoryEntry#DEFAULT_GROUP}, since the journal does not record groups.
   *
   * @throws IOException if the file cannot be read
   * @throws CampaignJournalException if a record before the last is damaged
   */
  public static JournalSnapshot read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Journal.Replay replay = Journal.replay(file);
    if (!replay.started()) {
      return new JournalSnapshot(false, 0, List.of(), Map.of(), Set.of(), null);
    }
    List<Wave> waves = new ArrayList<>();
    Map<String, ClientOutcome> outcomes = new LinkedHashMap<>();
    for (int index = 0; index < replay.waves.size(); index++) {
      List<String> ids = replay.waves.get(index);
      waves.add(new Wave(index, ids, replay.decisions.get(index), replay.reasons.get(index)));
      for (String id : ids) {
        ClientOutcome done = replay.done.get(id);
        if (done != null) {
          outcomes.put(id, withWave(done, index));
        }
      }
    }
    return new JournalSnapshot(
        true, replay.catalogSerial, waves, outcomes, replay.inFlight, replay.finished);
  }

  private static ClientOutcome withWave(ClientOutcome outcome, int wave) {
    return new ClientOutcome(
        outcome.clientId(),
        outcome.group(),
        wave,
        outcome.status(),
        outcome.attempts(),
        outcome.failedStep(),
        outcome.reason(),
        outcome.anomalies(),
        outcome.bytesToClient(),
        outcome.elapsed(),
        true);
  }
}
