package io.patchbay.transport.tftp;

import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** Files of reproducible random bytes, and their digests, for checking what arrived. */
final class TestFiles {

  private TestFiles() {}

  /**
   * Writes {@code size} bytes, random from {@code seed}, to {@code file} and returns their SHA-256.
   */
  static Sha256 random(Path file, long size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(seed);
    MessageDigest digest = VerifyingCopy.newSha256();
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(chunk.length, left);
        random.nextBytes(chunk);
        digest.update(chunk, 0, n);
        out.write(chunk, 0, n);
        left -= n;
      }
    }
    return Sha256.of(digest.digest());
  }

  /** {@code size} bytes, random from {@code seed}. */
  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  /** The SHA-256 of {@code file}'s bytes. */
  static Sha256 sha256(Path file) throws IOException {
    MessageDigest digest = VerifyingCopy.newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return Sha256.of(digest.digest());
  }
}
