package io.patchbay.transport.tftp;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.time.Duration;

/**
 * Thrown when a device received a file and its commit record but did not confirm, within the
 * configured time, that it verified and installed it (docs/protocol-tftp.md): the transfer is not
 * counted as done. Sending again is safe; every attempt has its own transfer identifier.
 */
public final class TransferUnconfirmedException extends PatchbayException {

  private final String clientId;
  private final String fileName;
  private final String transferId;
  private final Duration waited;

  /**
   * Creates the error for {@code clientId}, which did not confirm {@code fileName} of {@code
   * transferId} in {@code waited}.
   */
  public TransferUnconfirmedException(
      String clientId, String fileName, String transferId, Duration waited) {
    super(
        "Client "
            + Untrusted.quote(clientId)
            + " received "
            + Untrusted.quote(fileName)
            + " (transfer "
            + transferId
            + ") but did not confirm installing it within "
            + waited.toMillis()
            + " ms");
    this.clientId = clientId;
    this.fileName = fileName;
    this.transferId = transferId;
    this.waited = waited;
  }

  /** The client that did not confirm. */
  public String clientId() {
    return clientId;
  }

  /** The file sent. */
  public String fileName() {
    return fileName;
  }

  /** The transfer identifier whose result never appeared. */
  public String transferId() {
    return transferId;
  }

  /** How long the gateway waited for the result. */
  public Duration waited() {
    return waited;
  }
}
