package io.patchbay.transport.mender;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.time.Duration;

/**
 * Thrown when a Mender device did not do what the gateway waited for in time: poll (so that it
 * could be interrogated or offered a deployment) or report its deployment's outcome. Other devices
 * are not affected.
 */
public final class DeviceSilentException extends PatchbayException {

  private final String deviceId;
  private final String awaited;
  private final Duration timeout;

  /**
   * Creates the error for {@code deviceId}, which did not {@code awaited} within {@code timeout}.
   */
  public DeviceSilentException(String deviceId, String awaited, Duration timeout) {
    super(
        "Mender device "
            + Untrusted.quote(deviceId)
            + " did not "
            + awaited
            + " within "
            + timeout
            + "; is it running and pointed at this gateway?");
    this.deviceId = deviceId;
    this.awaited = awaited;
    this.timeout = timeout;
  }

  /** The device waited for. */
  public String deviceId() {
    return deviceId;
  }

  /** What it did not do, such as {@code poll for its next deployment}. */
  public String awaited() {
    return awaited;
  }

  /** How long the gateway waited. */
  public Duration timeout() {
    return timeout;
  }
}
