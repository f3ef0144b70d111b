package io.patchbay.model;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a verified catalog came to be trusted: the head end's signed statement about it and the
 * Merkle tree over its entries, from which the gateway makes each file's {@link EntryProof}. Only
 * {@link io.patchbay.trust} attaches one to a {@link Catalog}, after checking both.
 *
 * <p>Immutable and thread-safe; a file's proof is computed once (linear in the catalog's size) and
 * then shared by every client that receives the file.
 */
public final class Provenance {

  private final SignedStatement signed;
  private final MerkleTree tree;
  private final Map<Integer, EntryProof> proofs = new ConcurrentHashMap<>();

  /** The provenance of a catalog accepted under {@code signed}, whose entries form {@code tree}. */
  public Provenance(SignedStatement signed, MerkleTree tree) {
    this.signed = Objects.requireNonNull(signed, "signed");
    this.tree = Objects.requireNonNull(tree, "tree");
  }

  /** The signed statement the catalog was accepted under. */
  public SignedStatement signed() {
    return signed;
  }

  /** The Merkle tree over the catalog's entries, whose root the statement signs. */
  public MerkleTree tree() {
    return tree;
  }

  /** The proof for the entry at {@code index} in catalog order. */
  public EntryProof proof(int index) {
    return proofs.computeIfAbsent(index, at -> new EntryProof(signed, at, tree.path(at)));
  }
}
