package io.patchbay.campaign.postgres;

import io.patchbay.PatchbayException;

/**
 * Thrown when the campaign state in PostgreSQL cannot be used: it holds the campaign for another
 * catalog, its schema is newer than this library, or a value in it is not one Patchbay writes. The
 * database is left as it was, for an operator to look at.
 */
public final class CampaignStoreException extends PatchbayException {

  /** Creates the error with the rule that failed and the values involved. */
  public CampaignStoreException(String message) {
    super(message);
  }
}
