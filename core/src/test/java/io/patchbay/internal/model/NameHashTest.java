package io.patchbay.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.internal.model.NameHash.SipHash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameHashTest {

  /** The key of the reference vectors: bytes 00 to 0f. */
  private static final SipHash SIPHASH_2_4 =
      new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 2, 4);

  /** The reference input of {@code bytes} bytes (00, 01, 02, ...) as UTF-16LE chars. */
  private static String referenceInput(int bytes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < bytes; i += 2) {
      text.append((char) (i | (i + 1) << 8));
    }
    return text.toString();
  }

  /**
   * SipHash-2-4 of the reference implementation's test vectors (vectors.h of the SipHash paper's
   * code, 64-bit output), at the even input lengths, which strings of UTF-16 chars can express.
   */
  @ParameterizedTest
  @CsvSource({
    "0, 726fdb47dd0e0e31",
    "2, 0d6c8009d9a94f5a",
    "6, cbc9466e58fee3ce",
    "8, 93f5f5799a932462",
    "10, 7a5dbbc594ddb9f3",
    "14, f723ca908e7af2ee",
    "16, 3f2acc7f57c29bdb",
    "62, e51b38608ef25f57"
  })
  void matchesTheReferenceVectors(int bytes, String expected) {
    assertThat(SIPHASH_2_4.hash64(referenceInput(bytes)))
        .isEqualTo(Long.parseUnsignedLong(expected, 16));
  }
}
