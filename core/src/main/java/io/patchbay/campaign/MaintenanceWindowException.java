package io.patchbay.campaign;

import io.patchbay.PatchbayException;
import java.time.Duration;

/**
 * Thrown (and reported as the client's failure at the transfer step) when a file would take longer
 * to transfer, at the measured rate, than the client's maintenance window is long: waiting for the
 * next window would not help.
 */
public final class MaintenanceWindowException extends PatchbayException {

  private final String clientId;
  private final long bytes;
  private final Duration needed;
  private final Duration windowLength;

  /**
   * Creates the error for {@code bytes} needing {@code needed} in a window of {@code windowLength}.
   */
  public MaintenanceWindowException(
      String clientId, long bytes, Duration needed, Duration windowLength) {
    super(
        "Client "
            + clientId
            + ": "
            + bytes
            + " bytes need about "
            + needed
            + " at the measured rate, longer than its "
            + windowLength
            + " maintenance window");
    this.clientId = clientId;
    this.bytes = bytes;
    this.needed = needed;
    this.windowLength = windowLength;
  }

  /** The client. */
  public String clientId() {
    return clientId;
  }

  /** The size of the file. */
  public long bytes() {
    return bytes;
  }

  /** The estimated transfer time. */
  public Duration needed() {
    return needed;
  }

  /** The length of the window. */
  public Duration windowLength() {
    return windowLength;
  }
}
