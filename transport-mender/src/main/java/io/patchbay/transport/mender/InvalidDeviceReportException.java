package io.patchbay.transport.mender;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/**
 * Thrown when what a Mender device reports cannot be read as a manifest, such as a provides key
 * that maps to an unsafe file name or a version with white space (docs/protocol-mender.md,
 * "Interrogation").
 */
public final class InvalidDeviceReportException extends PatchbayException {

  private final String deviceId;
  private final String key;

  /** Creates the error for {@code deviceId}'s provides {@code key}, which broke {@code cause}. */
  public InvalidDeviceReportException(String deviceId, String key, PatchbayException cause) {
    super(
        "Mender device "
            + Untrusted.quote(deviceId)
            + " reports "
            + Untrusted.quote(key)
            + ", which is not a valid manifest entry: "
            + cause.getMessage(),
        cause);
    this.deviceId = deviceId;
    this.key = key;
  }

  /** The device. */
  public String deviceId() {
    return deviceId;
  }

  /** The provides key it reported. */
  public String key() {
    return key;
  }
}
