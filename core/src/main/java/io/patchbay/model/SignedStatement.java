package io.patchbay.model;

import java.util.List;
import java.util.Objects;

/**
 * What a head end's signature file holds: the signed statement about one catalog (its repository,
 * serial, expiry, digest and Merkle root), the signatures over the statement, and the root
 * documents a verifier may need to walk to today's keys. Nothing here says whether it is valid;
 * {@link io.patchbay.trust} decides.
 *
 * @param statement the statement's text exactly as signed (see {@code docs/signing.md})
 * @param signatures the signatures over the statement
 * @param roots root documents in increasing version, possibly none
 */
public record SignedStatement(
    String statement, List<CatalogSignature> signatures, List<SignedRoot> roots) {

  /** Copies. */
  public SignedStatement {
    Objects.requireNonNull(statement, "statement");
    signatures = List.copyOf(signatures);
    roots = List.copyOf(roots);
  }
}
