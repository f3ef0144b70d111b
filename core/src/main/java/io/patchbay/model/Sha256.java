package io.patchbay.model;

import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 digest, held as 64 lower-case hexadecimal characters.
 *
 * @param hex the digest in lower-case hexadecimal
 */
public record Sha256(String hex) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Validates the digest.
   *
   * @throws InvalidDigestException if {@code hex} is not 64 lower-case hexadecimal characters
   */
  public Sha256 {
    if (hex == null || hex.length() != 64 || !isLowerHex(hex)) {
      throw new InvalidDigestException(hex);
    }
  }

  /**
   * Parses a digest written in hexadecimal, accepting upper case.
   *
   * @throws InvalidDigestException if it is not 64 hexadecimal characters
   */
  public static Sha256 parse(String hex) {
    return new Sha256(hex == null ? null : hex.toLowerCase(java.util.Locale.ROOT));
  }

  /** Wraps the 32 bytes a {@link java.security.MessageDigest} produced. */
  public static Sha256 of(byte[] digest) {
    if (digest.length != 32) {
      throw new InvalidDigestException("<" + digest.length + " bytes>");
    }
    return new Sha256(HEX.formatHex(digest));
  }

  /** The 32 digest bytes; a fresh array on every call. */
  public byte[] bytes() {
    return HEX.parseHex(hex);
  }

  /** The digest in standard Base64, as used by HTTP's {@code Repr-Digest} (RFC 9530). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes());
  }

  @Override
  public String toString() {
    return hex;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
