package io.patchbay.cli;

import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that make a command accept only signed catalogs. */
final class TrustOptions {

  @Option(
      names = "--trust",
      paramLabel = "PUBFILE",
      description =
          "A trusted public key (repeatable); with it, only catalogs signed by trusted keys are used.")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--threshold",
      defaultValue = "1",
      paramLabel = "K",
      description = "How many trusted keys must have signed a catalog (default ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--serial-store",
      paramLabel = "FILE",
      description =
          "Remember the last accepted serial of each head end here, to refuse older catalogs across runs.")
  Path serialStore;

  @Option(names = "--allow-no-expiry", description = "Accept signed catalogs that never expire.")
  boolean allowNoExpiry;

  /** Tells whether any key was given, so catalogs must be verified. */
  boolean enabled() {
    return !keys.isEmpty();
  }

  /** The verifier these options describe. */
  CatalogVerifier verifier() throws IOException {
    List<PublicKey> trusted = new ArrayList<>();
    for (Path key : keys) {
      trusted.add(Ed25519Keys.readPublic(key));
    }
    return CatalogVerifier.builder(TrustPolicy.of(threshold, trusted))
        .serials(serialStore == null ? SerialStore.inMemory() : SerialStore.file(serialStore))
        .requireExpiry(!allowNoExpiry)
        .build();
  }
}
