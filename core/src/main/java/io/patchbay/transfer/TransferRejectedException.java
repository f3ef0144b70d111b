package io.patchbay.transfer;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/** Thrown when a client answered a transfer with a refusal; the client keeps its previous file. */
public final class TransferRejectedException extends PatchbayException {

  /** Why the client refused, as far as its protocol tells. */
  public enum Reason {
    /** The bytes it received do not match the digest it was given. */
    DIGEST_MISMATCH,
    /** It does not accept the file name. */
    INVALID_NAME,
    /** It has no room for the file. */
    NO_SPACE,
    /** It is busy with another update; try later. */
    BUSY,
    /**
     * Its trust does not allow the file: no proof, or one that does not show the head end signed
     * exactly these bytes for it (the detail names the {@code TrustException.Refusal}).
     */
    UNTRUSTED,
    /** Any other refusal; the detail says more. */
    OTHER
  }

  private final String clientId;
  private final String fileName;
  private final Reason reason;
  private final String detail;

  /**
   * Creates the error for {@code clientId} refusing {@code fileName}; {@code detail} is the
   * client's own words.
   */
  public TransferRejectedException(String clientId, String fileName, Reason reason, String detail) {
    super(
        "Client "
            + Untrusted.quote(clientId)
            + " refused "
            + Untrusted.quote(fileName)
            + " ("
            + reason
            + "): "
            + Untrusted.quote(detail));
    this.clientId = clientId;
    this.fileName = fileName;
    this.reason = reason;
    this.detail = detail;
  }

  /** The client that refused. */
  public String clientId() {
    return clientId;
  }

  /** The file it refused. */
  public String fileName() {
    return fileName;
  }

  /** Why, as far as its protocol tells. */
  public Reason reason() {
    return reason;
  }

  /** The client's own explanation, untrusted text. */
  public String detail() {
    return detail;
  }
}
