package io.patchbay.campaign;

import io.patchbay.report.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The embedded {@link CampaignState}: a {@link Journal} file, or none, for one gateway process. Its
 * only worker is this process, so leases live in memory: a lease is a client this run started and
 * has not finished, and the journal's record of steps stands for them across a crash (a resumed run
 * treats the clients in flight like any other without an outcome).
 *
 * <p>One lock guards the maps; journal appends happen outside it, so that clients' group commits
 * are not serialized by it.
 */
final class JournalState implements CampaignState {

  private final Journal journal;
  private final Path file;
  private final Journal.Replay prior;
  private final Object lock = new Object();
  private final Map<String, ClientOutcome> done;
  private final Set<String> leased = new HashSet<>();
  private final Map<Integer, Integer> cursors = new HashMap<>();
  private final Map<Integer, WaveVerdict> verdicts = new HashMap<>();
  private final Map<Integer, Integer> failures = new HashMap<>();
  private List<List<String>> waves = List.of();
  private Map<String, Integer> waveOf = Map.of();

  private JournalState(Journal journal, Path file) {
    this.journal = journal;
    this.file = file;
    this.prior = journal.replay();
    this.done = new HashMap<>(prior.done);
    prior.decisions.forEach(
        (index, decision) ->
            verdicts.put(
                index,
                new WaveVerdict(
                    decision,
                    Objects.requireNonNullElse(prior.reasons.get(index), decision.name()))));
  }

  /** The state in the journal at {@code file}, replayed; see {@link Journal#open}. */
  static JournalState open(Path file) throws IOException {
    return new JournalState(Journal.open(file), file);
  }

  /** A state that records nothing, for campaigns that need not survive a crash. */
  static JournalState disabled() {
    return new JournalState(Journal.disabled(), null);
  }

  @Override
  public Plan begin(long catalogSerial, String catalogFingerprint, List<List<String>> proposed)
      throws IOException {
    List<List<String>> recorded;
    if (prior.started()) {
      if (prior.catalogSerial != catalogSerial
          || !prior.catalogFingerprint.equals(catalogFingerprint)) {
        throw new CampaignJournalException(
            file,
            -1,
            "it holds a campaign for catalog serial "
                + prior.catalogSerial
                + ", but the head end now serves serial "
                + catalogSerial
                + " with other content; start a new journal");
      }
      recorded = prior.waves;
    } else {
      journal.started(catalogSerial, catalogFingerprint, proposed);
      recorded = proposed;
    }
    Map<String, Integer> index = new HashMap<>();
    synchronized (lock) {
      for (int wave = 0; wave < recorded.size(); wave++) {
        for (String id : recorded.get(wave)) {
          index.put(id, wave);
          ClientOutcome outcome = done.get(id);
          if (outcome != null && outcome.status() == ClientOutcome.Status.FAILED) {
            failures.merge(wave, 1, Integer::sum);
          }
        }
      }
      waves = recorded;
      waveOf = index;
    }
    return new Plan(recorded, prior.started());
  }

  @Override
  public WaveVerdict verdict(int wave) {
    synchronized (lock) {
      return verdicts.get(wave);
    }
  }

  @Override
  public Map<String, ClientOutcome> outcomes(int wave) {
    Map<String, ClientOutcome> outcomes = new HashMap<>();
    synchronized (lock) {
      for (String id : waves.get(wave)) {
        ClientOutcome outcome = done.get(id);
        if (outcome != null) {
          outcomes.put(id, outcome);
        }
      }
    }
    return outcomes;
  }

  @Override
  public String lease(int wave, List<String> order, int maxFailures) {
    synchronized (lock) {
      if (failures.getOrDefault(wave, 0) > maxFailures) {
        return null;
      }
      // One worker: whatever is before the cursor was leased by this run or is done already.
      int next = cursors.getOrDefault(wave, 0);
      while (next < order.size()) {
        String id = order.get(next++);
        if (!done.containsKey(id) && leased.add(id)) {
          cursors.put(wave, next);
          return id;
        }
      }
      cursors.put(wave, next);
      return null;
    }
  }

  @Override
  public boolean settled(int wave, int maxFailures) {
    synchronized (lock) {
      for (String id : waves.get(wave)) {
        if (leased.contains(id)) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public Duration pollInterval() {
    // Never waited on: this process holds every lease, so a wave settles when its clients end.
    return Duration.ofSeconds(1);
  }

  @Override
  public void step(String clientId, Step step, String fileName, int attempt) throws IOException {
    journal.step(clientId, step, fileName, attempt);
  }

  @Override
  public void clientDone(ClientOutcome outcome) throws IOException {
    synchronized (lock) {
      ClientOutcome before = done.put(outcome.clientId(), outcome);
      leased.remove(outcome.clientId());
      Integer wave = waveOf.get(outcome.clientId());
      if (before == null && wave != null && outcome.status() == ClientOutcome.Status.FAILED) {
        failures.merge(wave, 1, Integer::sum);
      }
    }
    journal.clientDone(outcome);
  }

  @Override
  public void release(String clientId) {
    synchronized (lock) {
      leased.remove(clientId);
    }
  }

  @Override
  public WaveVerdict decide(int wave, WaveVerdict verdict) throws IOException {
    synchronized (lock) {
      WaveVerdict recorded = verdicts.putIfAbsent(wave, verdict);
      if (recorded != null) {
        return recorded;
      }
    }
    journal.wave(wave, verdict.decision(), verdict.reason());
    return verdict;
  }

  @Override
  public void finished(CampaignReport.State state) throws IOException {
    if (prior.finished == null) {
      journal.finished(state);
    }
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
