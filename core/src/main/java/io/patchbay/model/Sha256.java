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
    this(digits(hex, LOWER_CASE_DIGIT_VALUES), 0);
  }

  /** The digest written in the 64 characters of {@code text} from {@code from}, known to be hex. */
  private Sha256(char[] text, int from) {
    this(word(text, from), word(text, from + 16), word(text, from + 32), word(text, from + 48));
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
    return new Sha256(digits(hex, DIGIT_VALUES), 0);
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
    if (!isHex(text, offset, length, DIGIT_VALUES)) {
      throw invalid(new String(text, offset, length), true);
    }
    return new Sha256(text, offset);
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
   * The characters of {@code hex}, checked to be 64 digits that {@code digitValues} knows.
   *
   * @throws InvalidDigestException if they are not
   */
  private static char[] digits(String hex, byte[] digitValues) {
    // The length is checked first so that neither null nor a long string is copied.
    char[] text = hex == null || hex.length() != 64 ? null : hex.toCharArray();
    if (text == null || !isHex(text, 0, 64, digitValues)) {
      throw invalid(hex, digitValues == DIGIT_VALUES);
    }
    return text;
  }

  /** Whether the {@code length} characters of {@code text} from {@code from} are a digest's. */
  private static boolean isHex(char[] text, int from, int length, byte[] digitValues) {
    if (length != 64) {
      return false;
    }
    // Digits are 0 to 15 and anything else -1, so one bad character makes the union negative.
    int union = 0;
    for (int i = from; i < from + 64; i++) {
      char c = text[i];
      union |= c < digitValues.length ? digitValues[c] : -1;
    }
    return union >= 0;
  }

  /** The 16 digits of {@code text} from {@code from} as a number; they are known to be digits. */
  private static long word(char[] text, int from) {
    long value = 0;
    for (int i = from; i < from + 16; i++) {
      value = value << 4 | DIGIT_VALUES[text[i]];
    }
    return value;
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
