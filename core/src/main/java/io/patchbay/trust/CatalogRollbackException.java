package io.patchbay.trust;

/**
 * A catalog older than one already accepted from the same head end, or a different catalog under
 * the same serial: a replay or mix-and-match attack, or a head end publishing wrongly. It was not
 * used.
 */
public final class CatalogRollbackException extends TrustException {

  private final long acceptedSerial;
  private final long offeredSerial;

  /** Creates the error for the catalog from {@code source}. */
  public CatalogRollbackException(String source, long acceptedSerial, long offeredSerial) {
    super(
        source,
        Refusal.ROLLBACK,
        "Catalog from "
            + source
            + " rejected: serial "
            + offeredSerial
            + (offeredSerial < acceptedSerial
                ? " is lower than serial " + acceptedSerial + " accepted before"
                : " was accepted before with other content"));
    this.acceptedSerial = acceptedSerial;
    this.offeredSerial = offeredSerial;
  }

  /** The highest serial accepted before from that source. */
  public long acceptedSerial() {
    return acceptedSerial;
  }

  /** The serial of the rejected catalog. */
  public long offeredSerial() {
    return offeredSerial;
  }
}
