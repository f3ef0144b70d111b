package io.patchbay.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Merkle tree over a catalog's entries (RFC 9162, section 2.1: SHA-256, leaves hashed with a
 * {@code 0x00} prefix, nodes with {@code 0x01}), which lets a device check that one file belongs to
 * a signed catalog from an inclusion proof of about {@code log2(n)} hashes instead of the whole
 * catalog.
 *
 * <p>A leaf is one entry's name, version, size and SHA-256 ({@link #leaf}). Immutable and
 * thread-safe; it holds 32 bytes per entry and computes a proof in time linear in the entries.
 */
public final class MerkleTree {

  private static final int HASH_BYTES = 32;
  private static final byte LEAF_PREFIX = 0;
  private static final byte NODE_PREFIX = 1;

  private final byte[] leaves;
  private final int size;
  private final Sha256 root;

  private MerkleTree(byte[] leaves) {
    this.leaves = leaves;
    this.size = leaves.length / HASH_BYTES;
    this.root = Sha256.of(size == 0 ? sha256().digest() : subtree(0, size));
  }

  /** The tree over {@code entries}' {@linkplain #leaf leaves}, in this order. */
  public static MerkleTree of(Iterable<CatalogEntry> entries) {
    ByteList hashes = new ByteList();
    for (CatalogEntry entry : entries) {
      hashes.add(leaf(entry.name(), entry.version(), entry.size(), entry.sha256()).bytes());
    }
    return new MerkleTree(hashes.toArray());
  }

  /**
   * The leaf hash of one file: SHA-256 of {@code 0x00} and the UTF-8 of {@code
   * patchbay-entry-v1\n<name>\n<version>\n<size>\n<sha256 hex>}. Names and versions cannot hold
   * line breaks, so the encoding is unambiguous.
   */
  public static Sha256 leaf(String name, String version, long size, Sha256 sha256) {
    String data = "patchbay-entry-v1\n" + name + '\n' + version + '\n' + size + '\n' + sha256.hex();
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(data.getBytes(StandardCharsets.UTF_8));
    return Sha256.of(digest.digest());
  }

  /** The number of leaves. */
  public int size() {
    return size;
  }

  /** The tree's root hash: what a signed statement names. */
  public Sha256 root() {
    return root;
  }

  /**
   * The inclusion proof of the leaf at {@code index}: the sibling hashes from the leaf up, as RFC
   * 9162 section 2.1.3.1 defines them.
   *
   * @throws IndexOutOfBoundsException if there is no such leaf
   */
  public List<Sha256> path(int index) {
    Objects.checkIndex(index, size);
    List<Sha256> path = new ArrayList<>();
    collectPath(index, 0, size, path);
    return List.copyOf(path);
  }

  /**
   * The root that {@code path} proves {@code leaf} at {@code index} of a tree of {@code treeSize}
   * leaves to belong to (RFC 9162 section 2.1.3.2), or empty if the path cannot belong to such a
   * tree. The leaf is included if the result equals the signed root.
   */
  public static Optional<Sha256> rootFromPath(
      Sha256 leaf, long index, long treeSize, List<Sha256> path) {
    if (index < 0 || index >= treeSize) {
      return Optional.empty();
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leaf.bytes();
    for (Sha256 sibling : path) {
      if (sn == 0) {
        return Optional.empty();
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(sibling.bytes(), r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = node(r, sibling.bytes());
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? Optional.of(Sha256.of(r)) : Optional.empty();
  }

  private byte[] subtree(int from, int to) {
    if (to - from == 1) {
      return Arrays.copyOfRange(leaves, from * HASH_BYTES, to * HASH_BYTES);
    }
    int split = from + largestPowerOfTwoBelow(to - from);
    return node(subtree(from, split), subtree(split, to));
  }

  private void collectPath(int index, int from, int to, List<Sha256> path) {
    if (to - from == 1) {
      return;
    }
    int split = from + largestPowerOfTwoBelow(to - from);
    if (index < split) {
      collectPath(index, from, split, path);
      path.add(Sha256.of(subtree(split, to)));
    } else {
      collectPath(index, split, to, path);
      path.add(Sha256.of(subtree(from, split)));
    }
  }

  private static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private static byte[] node(byte[] left, byte[] right) {
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** A growable byte array, so a million leaves cost 32 MB and not a million objects. */
  private static final class ByteList {
    private byte[] bytes = new byte[HASH_BYTES * 16];
    private int length;

    void add(byte[] hash) {
      if (length + hash.length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + hash.length));
      }
      System.arraycopy(hash, 0, bytes, length, hash.length);
      length += hash.length;
    }

    byte[] toArray() {
      return Arrays.copyOf(bytes, length);
    }
  }
}
