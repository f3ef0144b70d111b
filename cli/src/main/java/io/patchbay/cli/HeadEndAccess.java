package io.patchbay.cli;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.spi.Transports;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How every command reaches the head end: its catalog behind a verifier, or unsigned only when
 * asked. Shared by the one-run commands ({@link GatewayOptions}) and {@code patchbay gateway}.
 *
 * @param catalog the head end, verified if {@code verified}
 */
record HeadEndAccess(CentralCatalog catalog, boolean verified) {

  /**
   * The head end at {@code uri} through {@code transports}, guarded by {@code verifier} if there is
   * one.
   *
   * @throws GatewayOptions.UnsignedRefusedException if there is no verifier and unsigned catalogs
   *     were not allowed
   */
  static HeadEndAccess open(
      Transports transports, URI uri, CatalogVerifier verifier, boolean allowUnsigned) {
    CentralCatalog headEnd = transports.catalog(uri);
    if (verifier == null && !allowUnsigned) {
      throw new GatewayOptions.UnsignedRefusedException();
    }
    return verifier == null
        ? new HeadEndAccess(headEnd, false)
        : new HeadEndAccess(verifier.guard(uri, headEnd), true);
  }

  /**
   * The verifier of catalogs signed by {@code threshold} of the keys in {@code keys} for {@code
   * repository}, keeping what it accepts in {@code serials}.
   *
   * @throws IOException if a key file cannot be read or holds no Ed25519 public key
   */
  static CatalogVerifier verifier(
      List<Path> keys, int threshold, String repository, boolean requireExpiry, SerialStore serials)
      throws IOException {
    return CatalogVerifier.builder(TrustOptions.policy(keys, threshold), repository)
        .serials(serials)
        .requireExpiry(requireExpiry)
        .build();
  }

  /** An orchestrator over this head end and {@code transports}. */
  UpdateOrchestrator.Builder orchestrator(Transports transports) {
    UpdateOrchestrator.Builder gateway =
        UpdateOrchestrator.builder().catalog(catalog).transports(transports);
    return verified ? gateway : gateway.allowUnsigned();
  }
}
