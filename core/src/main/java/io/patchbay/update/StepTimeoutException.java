package io.patchbay.update;

import io.patchbay.PatchbayException;
import io.patchbay.report.Step;
import java.time.Duration;

/**
 * Thrown when one step of a client's update did not finish within the orchestrator's step timeout.
 */
public final class StepTimeoutException extends PatchbayException {

  private final String clientId;
  private final Step step;
  private final Duration timeout;

  /** Creates the error for {@code step} of {@code clientId} exceeding {@code timeout}. */
  public StepTimeoutException(String clientId, Step step, Duration timeout, Throwable cause) {
    super(message(clientId, step, timeout), cause);
    this.clientId = clientId;
    this.step = step;
    this.timeout = timeout;
  }

  /** What the error says; also why the deadline aborts the step's I/O. */
  static String message(String clientId, Step step, Duration timeout) {
    return "Client " + clientId + ": " + step + " did not finish within " + timeout;
  }

  /** The client being updated. */
  public String clientId() {
    return clientId;
  }

  /** The step that ran out of time. */
  public Step step() {
    return step;
  }

  /** The time it was allowed. */
  public Duration timeout() {
    return timeout;
  }
}
