package io.patchbay.campaign;

import io.patchbay.report.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One worker's access to a campaign's state, opened by a {@link CampaignStore} for one run: the
 * campaign's waves, which client each worker has taken, every step before it is acted on, every
 * client's outcome and every wave's verdict. The campaign calls it from the thread that runs the
 * waves and from the threads that run clients; implementations are thread-safe.
 *
 * <p>What the campaign relies on:
 *
 * <ul>
 *   <li>a call that returns has recorded what it was given, durably; a call that throws may or may
 *       not have, and the campaign then stops (nothing is acted on unrecorded);
 *   <li>a client is {@link #lease leased} by one worker at a time, and a worker's lease on it ends
 *       with its outcome, with {@link #release}, or when the store decides the worker is gone;
 *   <li>a {@link #step} is recorded only while the worker holds the client's lease, else it throws
 *       {@link ClientLeaseLostException} and the step is not acted on;
 *   <li>a wave's verdict is recorded once ({@link #decide}), and every worker obeys the recorded
 *       one.
 * </ul>
 *
 * <p>Calls may block (a store across the network retries while it is unreachable); a call
 * interrupted while it waits throws {@link java.io.InterruptedIOException}.
 */
public interface CampaignState extends AutoCloseable {

  /**
   * The campaign's waves as the state records them, by client id.
   *
   * @param waves the ids of each wave's clients, in order
   * @param resumed whether they were recorded before this run (by an earlier run or another worker)
   */
  record Plan(List<List<String>> waves, boolean resumed) {
    /** Copies the lists. */
    public Plan {
      waves = waves.stream().map(List::copyOf).toList();
    }
  }

  /**
   * Records the campaign's waves if the state holds none yet, and returns the waves it holds.
   *
   * @param catalogSerial the serial of the catalog the head end serves
   * @param catalogFingerprint what tells its content apart from another catalog's with that serial
   * @param proposed the waves this worker cut from its directory
   * @throws CampaignJournalException or another {@link io.patchbay.PatchbayException} if the state
   *     holds a campaign for another catalog
   */
  Plan begin(long catalogSerial, String catalogFingerprint, List<List<String>> proposed)
      throws IOException;

  /** The verdict recorded for wave {@code wave}, or {@code null} while it is not decided. */
  WaveVerdict verdict(int wave) throws IOException;

  /**
   * The outcomes recorded for the clients of wave {@code wave}, by any worker and any run, by
   * client id. Cancelled clients have none.
   */
  Map<String, ClientOutcome> outcomes(int wave) throws IOException;

  /**
   * Takes a client of wave {@code wave} that has no outcome and no live lease, for this worker;
   * unless more than {@code maxFailures} of the wave's clients failed, which stops the wave.
   *
   * @param order the wave's clients in the order this worker would start them; the same list for
   *     every call of one wave, and a store may take its own order instead
   * @return the client's id, or {@code null} if none can be taken now
   */
  String lease(int wave, List<String> order, int maxFailures) throws IOException;

  /**
   * Tells whether wave {@code wave} is over: every client has an outcome, or the wave stopped
   * taking clients (more than {@code maxFailures} failed) and no worker holds a live lease in it.
   * Until then, other workers may still be at work, or a lease of a worker that is gone must first
   * expire so that another worker takes its client.
   */
  boolean settled(int wave, int maxFailures) throws IOException;

  /**
   * How long to wait before asking {@link #settled} or {@link #lease} again while other workers
   * hold the wave's last clients.
   */
  Duration pollInterval();

  /**
   * Records that this worker is about to act on {@code step} of client {@code clientId}.
   *
   * @param fileName the file being transferred, or {@code null}
   * @throws ClientLeaseLostException if this worker no longer holds the client's lease
   */
  void step(String clientId, Step step, String fileName, int attempt) throws IOException;

  /**
   * Records a client's outcome and ends this worker's lease on it. An outcome of a client whose
   * lease this worker lost is not recorded: the worker that holds it now decides.
   */
  void clientDone(ClientOutcome outcome) throws IOException;

  /** Ends this worker's lease on a client without an outcome (its run was cancelled). */
  void release(String clientId) throws IOException;

  /**
   * Records {@code verdict} for wave {@code wave} unless a verdict is recorded already, and returns
   * the recorded one: every worker goes on with the first verdict taken.
   */
  WaveVerdict decide(int wave, WaveVerdict verdict) throws IOException;

  /** Records how the campaign ended, unless an end is recorded already. */
  void finished(CampaignReport.State state) throws IOException;

  /** A user's command to a running campaign, which a shared state passes to every worker. */
  enum Command {
    /** Start no more clients until resumed; clients in progress go on. */
    PAUSE,
    /** Start clients again. */
    RESUME,
    /** Stop: no more clients start, clients in progress are cancelled. */
    CANCEL
  }

  /**
   * Passes a command this worker's user gave on to the campaign's other workers. A state for one
   * process has no one to tell.
   */
  default void share(Command command) throws IOException {}

  /**
   * Has {@code listener} told, on a thread of the state's, every command shared by another worker
   * (or an operator) while this state is open, and the command in force when it opened if that is
   * not {@link Command#RESUME}. A state for one process never calls it.
   */
  default void watch(Consumer<Command> listener) {}

  /** Ends this worker's access; its live leases are released or left to expire. */
  @Override
  void close() throws IOException;
}
