package io.patchbay.update;

import io.patchbay.PatchbayException;

/**
 * The head end's catalog was not verified, and the orchestrator was not told to allow that: an
 * unsigned catalog is what anyone between the gateway and the head end could have written. No
 * client was contacted. Wrap the head end in {@code io.patchbay.trust.CatalogVerifier#guard}, or,
 * for a lab, build the orchestrator with {@link UpdateOrchestrator.Builder#allowUnsigned()}.
 */
public final class UnsignedCatalogException extends PatchbayException {

  /** Creates the error. */
  public UnsignedCatalogException() {
    super(
        "Refusing an unsigned catalog: verify it with the operator's keys (CatalogVerifier;"
            + " CLI --trust), or allow unsigned catalogs explicitly (allowUnsigned(); CLI"
            + " --allow-unsigned) for a lab");
  }
}
