package io.patchbay.model;

import java.util.List;
import java.util.Objects;

/**
 * What a gateway hands a device with a file so that the device can check, without the catalog, that
 * the head end signed exactly this file: the signed statement and the file's Merkle inclusion proof
 * under the statement's root. A few kilobytes even for a catalog of a million files.
 *
 * @param signed the catalog's signed statement, with its signatures and root documents
 * @param index the file's position in the catalog, from 0
 * @param path the sibling hashes from the file's leaf up ({@link MerkleTree#path(int)})
 */
public record EntryProof(SignedStatement signed, long index, List<Sha256> path) {

  /**
   * Copies and checks.
   *
   * @throws IllegalArgumentException if the index is negative or the path longer than any tree of
   *     2^63 leaves needs
   */
  public EntryProof {
    Objects.requireNonNull(signed, "signed");
    path = List.copyOf(path);
    if (index < 0) {
      throw new IllegalArgumentException("Proof index must not be negative: " + index);
    }
    if (path.size() > Long.SIZE) {
      throw new IllegalArgumentException("Proof path of " + path.size() + " hashes is too long");
    }
  }
}
