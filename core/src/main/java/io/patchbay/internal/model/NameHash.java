package io.patchbay.internal.model;

import java.security.SecureRandom;

/**
 * The hash {@link NameIndex} finds names by. Names come from devices and head ends, so the hash is
 * keyed: with {@code String.hashCode} anyone can send thousands of names of one hash (it is public
 * and has seed-independent collisions, such as "Aa" and "BB") and make building an index take
 * quadratic time. {@link #KEYED} is SipHash-1-3 (as Rust's and Python's hash tables use) with a key
 * drawn from {@link SecureRandom} once per JVM; the seam exists so that tests can force collisions.
 */
interface NameHash {

  /** The hash of every index in this JVM. */
  NameHash KEYED = SipHash.withRandomKey();

  /** The hash of {@code name}. */
  int of(String name);

  /**
   * SipHash (Aumasson and Bernstein, 2012) of a string's UTF-16LE bytes, with {@code compression}
   * and {@code finalization} rounds: 1 and 3 for names, 2 and 4 for the reference test vectors.
   */
  record SipHash(long k0, long k1, int compression, int finalization) implements NameHash {

    static SipHash withRandomKey() {
      SecureRandom random = new SecureRandom();
      return new SipHash(random.nextLong(), random.nextLong(), 1, 3);
    }

    @Override
    public int of(String name) {
      long hash = hash64(name);
      return (int) (hash ^ hash >>> 32);
    }

    /** The 64-bit SipHash of {@code text}'s UTF-16LE encoding. */
    long hash64(String text) {
      long v0 = k0 ^ 0x736f6d6570736575L;
      long v1 = k1 ^ 0x646f72616e646f6dL;
      long v2 = k0 ^ 0x6c7967656e657261L;
      long v3 = k1 ^ 0x7465646279746573L;
      int length = text.length();
      int whole = length & ~3; // four chars a word; the last word holds the rest and the length
      // One pass per word, and a last one that finalizes, so the round is written once.
      for (int at = 0; at <= whole + 4; at += 4) {
        long m;
        int rounds;
        if (at < whole) {
          m =
              text.charAt(at)
                  | (long) text.charAt(at + 1) << 16
                  | (long) text.charAt(at + 2) << 32
                  | (long) text.charAt(at + 3) << 48;
          v3 ^= m;
          rounds = compression;
        } else if (at == whole) {
          m = (long) (2 * length & 0xff) << 56;
          for (int c = length - 1; c >= whole; c--) {
            m |= (long) text.charAt(c) << (16 * (c - whole));
          }
          v3 ^= m;
          rounds = compression;
        } else {
          m = 0;
          v2 ^= 0xff;
          rounds = finalization;
        }
        for (int r = 0; r < rounds; r++) {
          v0 += v1;
          v1 = Long.rotateLeft(v1, 13) ^ v0;
          v0 = Long.rotateLeft(v0, 32);
          v2 += v3;
          v3 = Long.rotateLeft(v3, 16) ^ v2;
          v0 += v3;
          v3 = Long.rotateLeft(v3, 21) ^ v0;
          v2 += v1;
          v1 = Long.rotateLeft(v1, 17) ^ v2;
          v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= m;
      }
      return v0 ^ v1 ^ v2 ^ v3;
    }
  }
}
