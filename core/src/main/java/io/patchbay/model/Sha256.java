package io.patchbay.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * A SHA-256 digest. Written as 64 lower-case hexadecimal characters ({@link #hex()}), held as its
 * 32 bytes in four {@code long}s: a catalog of a million entries keeps a million of these, so each
 * is one small object, parsed once, rather than a string and its array.
 *
 * <p>Immutable and thread-safe; equal when the digests are.
 */
public final class Sha256 {

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  /**
   * Each character's value as a hexadecimal digit in either case, or -1, for the characters below
   * 128.
   */
  private static final byte[] DIGIT_VALUES = new byte[0x80];

  /** As {@link #DIGIT_VALUES}, but -1 for the upper-case digits too. */
  private static final byte[] LOWER_CASE_DIGIT_VALUES = new byte[0x80];

  static {
    Arrays.fill(DIGIT_VALUES, (byte) -1);
    Arrays.fill(LOWER_CASE_DIGIT_VALUES, (byte) -1);
    for (int i = 0; i < 16; i++) {
      DIGIT_VALUES[HEX_DIGITS[i]] = (byte) i;
      DIGIT_VALUES[Character.toUpperCase(HEX_DIGITS[i])] = (byte) i;
      LOWER_CASE_DIGIT_VALUES[HEX_DIGITS[i]] = (byte) i;
    }
  }

  // The digest's bytes 0-7, 8-15, 16-23 and 24-31, each big-endian.
  private final long word0;
  private final long word1;
  private final long word2;
  private final long word3;

  /**
   * The digest {@code hex} writes.
   *
   * @param hex the digest in lower-case hexadecimal
   * @throws InvalidDigestException if {@code hex} is not 64 lower-case hexadecimal characters
   */
  public Sha256(String hex) {
    this(decoded(hex, false));
  }

  private Sha256(Sha256 decoded) {
    this(decoded.word0, decoded.word1, decoded.word2, decoded.word3);
  }

  private Sha256(long word0, long word1, long word2, long word3) {
    this.word0 = word0;
    this.word1 = word1;
    this.word2 = word2;
    this.word3 = word3;
  }

  /**
   * Parses a digest written in hexadecimal, accepting upper case.
   *
   * @throws InvalidDigestException if it is not 64 hexadecimal characters
   */
  public static Sha256 parse(String hex) {
    return decoded(hex, true);
  }

  /**
   * Parses a digest written in hexadecimal in {@code length} characters of {@code text} from {@code
   * offset}, accepting upper case: for readers that hold the characters in a buffer, so that no
   * string is made for them.
   *
   * @throws InvalidDigestException if they are not 64 hexadecimal characters
   * @throws IndexOutOfBoundsException if the range lies outside {@code text}
   */
  public static Sha256 parse(char[] text, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, text.length);
    Sha256 digest = length == 64 ? decode(text, offset, DIGIT_VALUES) : null;
    if (digest == null) {
      throw invalid(new String(text, offset, length), true);
    }
    return digest;
  }

  /**
   * The digest whose {@linkplain #word(int) words} are these, in order: for indexes that keep
   * digests as numbers.
   */
  public static Sha256 of(long word0, long word1, long word2, long word3) {
    return new Sha256(word0, word1, word2, word3);
  }

  /** Wraps the 32 bytes a {@link java.security.MessageDigest} produced. */
  public static Sha256 of(byte[] digest) {
    if (digest.length != 32) {
      throw new InvalidDigestException("<" + digest.length + " bytes>");
    }
    return new Sha256(word(digest, 0), word(digest, 8), word(digest, 16), word(digest, 24));
  }

  /** The digest in lower-case hexadecimal, 64 characters; made on every call. */
  public String hex() {
    byte[] text = new byte[64];
    for (int word = 0; word < 4; word++) {
      long value = word(word);
      for (int i = word * 16 + 15; i >= word * 16; i--) {
        text[i] = (byte) HEX_DIGITS[(int) value & 0xf];
        value >>>= 4;
      }
    }
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  /**
   * Eight of the digest's bytes as a big-endian {@code long}: bytes {@code 8 * index} to {@code 8 *
   * index + 7}. For indexes that compare digests as numbers.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < 4}
   */
  public long word(int index) {
    return switch (index) {
      case 0 -> word0;
      case 1 -> word1;
      case 2 -> word2;
      case 3 -> word3;
      default -> throw new IndexOutOfBoundsException("Word " + index + " of a 4-word digest");
    };
  }

  /** The 32 digest bytes; a fresh array on every call. */
  public byte[] bytes() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[i] = (byte) (word(i / 8) >>> (56 - 8 * (i % 8)));
    }
    return bytes;
  }

  /** The digest in standard Base64, as used by HTTP's {@code Repr-Digest} (RFC 9530). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sha256 that
        && word0 == that.word0
        && word1 == that.word1
        && word2 == that.word2
        && word3 == that.word3;
  }

  @Override
  public int hashCode() {
    // The digest is uniformly distributed already; any of its bits make a good hash.
    return (int) (word0 ^ word0 >>> 32);
  }

  /** The digest in lower-case hexadecimal, as {@link #hex()}. */
  @Override
  public String toString() {
    return hex();
  }

  /**
   * The digest {@code hex} writes in 64 digits, upper-case ones only if {@code upperCaseAccepted}.
   * Copies the characters, for the one decoder: strings are parsed off the hot path (the readers of
   * documents decode from their buffers).
   *
   * @throws InvalidDigestException if it is not that
   */
  private static Sha256 decoded(String hex, boolean upperCaseAccepted) {
    byte[] digitValues = upperCaseAccepted ? DIGIT_VALUES : LOWER_CASE_DIGIT_VALUES;
    // The length is checked first so that neither null nor a long string is copied.
    Sha256 digest =
        hex == null || hex.length() != 64 ? null : decode(hex.toCharArray(), 0, digitValues);
    if (digest == null) {
      throw invalid(hex, upperCaseAccepted);
    }
    return digest;
  }

  /**
   * The digest in the 64 characters of {@code text} from {@code from}, or {@code null} if one is
   * not a digit that {@code digitValues} knows. One pass, the four words side by side.
   */
  private static Sha256 decode(char[] text, int from, byte[] digitValues) {
    // Digits are 0 to 15 and anything else -1, so one bad character makes the union negative. A -1
    // also fills its word with ones, which does not matter: the words are then thrown away.
    int union = 0;
    long word0 = 0;
    long word1 = 0;
    long word2 = 0;
    long word3 = 0;
    for (int i = from; i < from + 16; i++) {
      int digit0 = digit(text[i], digitValues);
      int digit1 = digit(text[i + 16], digitValues);
      int digit2 = digit(text[i + 32], digitValues);
      int digit3 = digit(text[i + 48], digitValues);
      union |= digit0 | digit1 | digit2 | digit3;
      word0 = word0 << 4 | digit0;
      word1 = word1 << 4 | digit1;
      word2 = word2 << 4 | digit2;
      word3 = word3 << 4 | digit3;
    }
    return union < 0 ? null : new Sha256(word0, word1, word2, word3);
  }

  private static int digit(char c, byte[] digitValues) {
    return c < digitValues.length ? digitValues[c] : -1;
  }

  /** The 8 bytes of {@code bytes} from {@code from}, big-endian. */
  private static long word(byte[] bytes, int from) {
    long value = 0;
    for (int i = from; i < from + 8; i++) {
      value = value << 8 | (bytes[i] & 0xff);
    }
    return value;
  }

  /** The error for {@code hex}, quoted as the lower-case digest check saw it. */
  private static InvalidDigestException invalid(String hex, boolean lowerCased) {
    return new InvalidDigestException(
        hex != null && lowerCased ? hex.toLowerCase(Locale.ROOT) : hex);
  }
}
