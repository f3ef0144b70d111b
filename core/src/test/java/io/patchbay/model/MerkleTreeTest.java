package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog's Merkle tree against RFC 9162's definitions, written out naively here. */
class MerkleTreeTest {

  @Test
  void theRootIsRfc9162sMerkleTreeHashForEverySizeUpTo70() {
    for (int size = 1; size <= 70; size++) {
      List<CatalogEntry> entries = entries(size);
      assertThat(MerkleTree.of(entries).root().bytes())
          .as("root of %d leaves", size)
          .isEqualTo(referenceHash(leaves(entries)));
    }
  }

  @Test
  void everyLeafsPathLeadsToTheRootAndNoOtherLeafsDoes() {
    // The tree size comes from the signed statement, so only the leaf and its index vary here.
    for (int size = 1; size <= 33; size++) {
      List<CatalogEntry> entries = entries(size);
      MerkleTree tree = MerkleTree.of(entries);
      for (int index = 0; index < size; index++) {
        CatalogEntry entry = entries.get(index);
        List<Sha256> path = tree.path(index);
        assertThat(path.size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(size));
        assertThat(MerkleTree.rootFromPath(leafOf(entry), index, size, path)).contains(tree.root());
        CatalogEntry other = entries.get((index + 1) % size);
        if (size > 1) {
          assertThat(MerkleTree.rootFromPath(leafOf(other), index, size, path))
              .isNotEqualTo(Optional.of(tree.root()));
        }
        assertThat(MerkleTree.rootFromPath(leafOf(entry), size, size, path)).isEmpty();
      }
    }
  }

  @Test
  void aLeafCoversNameVersionSizeAndDigest() {
    Sha256 digest = Sha256.parse("ab".repeat(32));
    Sha256 leaf = MerkleTree.leaf("bin/player", "2.0.0", 10, digest);

    assertThat(MerkleTree.leaf("bin/player", "2.0.1", 10, digest)).isNotEqualTo(leaf);
    assertThat(MerkleTree.leaf("bin/player", "2.0.0", 11, digest)).isNotEqualTo(leaf);
    assertThat(MerkleTree.leaf("bin/playe", "2.0.0", 10, digest)).isNotEqualTo(leaf);
    assertThat(MerkleTree.leaf("bin/player", "2.0.0", 10, Sha256.parse("cd".repeat(32))))
        .isNotEqualTo(leaf);
    assertThat(leaf.bytes())
        .isEqualTo(
            sha256(
                concat(
                    new byte[] {0},
                    ("patchbay-entry-v1\nbin/player\n2.0.0\n10\n" + "ab".repeat(32))
                        .getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void anEmptyCatalogHasTheHashOfNothingAsItsRoot() {
    assertThat(MerkleTree.of(List.of()).root().bytes()).isEqualTo(sha256(new byte[0]));
  }

  /** RFC 9162 section 2.1.1, as written there. */
  private static byte[] referenceHash(List<byte[]> leaves) {
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = 1;
    while (k * 2 < leaves.size()) {
      k *= 2;
    }
    return sha256(
        concat(
            new byte[] {1},
            concat(
                referenceHash(leaves.subList(0, k)),
                referenceHash(leaves.subList(k, leaves.size())))));
  }

  private static List<byte[]> leaves(List<CatalogEntry> entries) {
    List<byte[]> leaves = new ArrayList<>();
    entries.forEach(entry -> leaves.add(leafOf(entry).bytes()));
    return leaves;
  }

  private static Sha256 leafOf(CatalogEntry entry) {
    return MerkleTree.leaf(entry.name(), entry.version(), entry.size(), entry.sha256());
  }

  private static List<CatalogEntry> entries(int size) {
    List<CatalogEntry> entries = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      entries.add(
          CatalogEntry.of(
              "lib/file-" + i,
              "1.0." + i,
              Sha256.of(sha256(new byte[] {(byte) i})),
              i,
              URI.create("f" + i)));
    }
    return entries;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
