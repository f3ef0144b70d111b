package io.patchbay.transport.tftp;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/**
 * Thrown when a device's answer breaks the device protocol over TFTP (docs/protocol-tftp.md), such
 * as a commit result that is not the documented JSON or belongs to another transfer.
 */
public final class DeviceProtocolException extends PatchbayException {

  private final String clientId;
  private final String file;
  private final String reason;

  /**
   * Creates the error for {@code clientId}'s {@code file}, which broke the protocol for {@code
   * reason}.
   */
  public DeviceProtocolException(String clientId, String file, String reason, Throwable cause) {
    super(
        "Client "
            + Untrusted.quote(clientId)
            + " served "
            + Untrusted.quote(file)
            + " against the TFTP device protocol: "
            + Untrusted.quote(reason),
        cause);
    this.clientId = clientId;
    this.file = file;
    this.reason = reason;
  }

  /** The client whose answer was wrong. */
  public String clientId() {
    return clientId;
  }

  /** The file it served, relative to its endpoint. */
  public String file() {
    return file;
  }

  /** What is wrong with it, untrusted text. */
  public String reason() {
    return reason;
  }
}
