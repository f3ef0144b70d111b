package io.patchbay.model;

import java.util.List;
import java.util.Objects;

/**
 * One version of a repository's root document, which names the keys trusted to sign its catalogs,
 * with the signatures over it, as a signature file carries it. Nothing here says whether it is
 * valid; {@link io.patchbay.trust} decides.
 *
 * @param document the root document's text exactly as signed (see {@code docs/signing.md})
 * @param signatures the signatures over it
 */
public record SignedRoot(String document, List<CatalogSignature> signatures) {

  /** Copies. */
  public SignedRoot {
    Objects.requireNonNull(document, "document");
    signatures = List.copyOf(signatures);
  }
}
