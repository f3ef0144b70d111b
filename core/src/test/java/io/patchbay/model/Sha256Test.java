package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Sha256} holds its 32 bytes and writes them back as the hexadecimal it was read from. */
class Sha256Test {

  private static final String HEX =
      "7b1a75550b7c39a19783524fd119cf91994911262995294736ee8ba7d7b5c54d";

  @Test
  void hexReadsBackAsItWasWritten() {
    assertThat(new Sha256(HEX).hex()).isEqualTo(HEX);
    assertThat(new Sha256(HEX).toString()).isEqualTo(HEX);
    assertThat(Sha256.parse(HEX.toUpperCase(Locale.ROOT)).hex()).isEqualTo(HEX);
  }

  @Test
  void bytesAndWordsAreTheDigestsBytesInOrder() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
    Sha256 sha256 = Sha256.of(digest);

    assertThat(sha256.bytes()).isEqualTo(digest);
    assertThat(sha256.hex()).isEqualTo(HexFormat.of().formatHex(digest));
    for (int word = 0; word < 4; word++) {
      assertThat(sha256.word(word))
          .as("word %d", word)
          .isEqualTo(HexFormat.fromHexDigitsToLong(sha256.hex(), word * 16, word * 16 + 16));
    }
    assertThatThrownBy(() -> sha256.word(4)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void digestsAreEqualWhenTheirBytesAre() {
    Sha256 other = new Sha256(HEX.replace('7', '8'));

    assertThat(Sha256.parse(HEX.toUpperCase(Locale.ROOT))).isEqualTo(new Sha256(HEX));
    assertThat(new Sha256(HEX)).hasSameHashCodeAs(new Sha256(HEX));
    assertThat(other).isNotEqualTo(new Sha256(HEX));
  }

  @Test
  void charactersInABufferParseAsTheirString() {
    char[] buffer = ("xx" + HEX.toUpperCase(Locale.ROOT) + "yy").toCharArray();

    assertThat(Sha256.parse(buffer, 2, 64)).isEqualTo(new Sha256(HEX));
  }

  @Test
  void charactersInABufferAreRejectedAsTheirStringWouldBe() {
    char[] buffer = ("xx" + HEX.substring(1) + "gyy").toCharArray();

    assertThatThrownBy(() -> Sha256.parse(buffer, 2, 64))
        .isInstanceOfSatisfying(
            InvalidDigestException.class,
            e -> assertThat(e.value()).isEqualTo(HEX.substring(1) + "g"));
    assertThatThrownBy(() -> Sha256.parse(buffer, 2, 63))
        .isInstanceOf(InvalidDigestException.class);
    assertThatThrownBy(() -> Sha256.parse(buffer, 10, 64))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aNonHexCharacterBeyondAsciiIsRejected() {
    String withUnicodeDigit = HEX.substring(0, 63) + "\u0663";

    assertThatThrownBy(() -> Sha256.parse(withUnicodeDigit))
        .isInstanceOf(InvalidDigestException.class);
    assertThatThrownBy(() -> Sha256.parse(withUnicodeDigit.toCharArray(), 0, 64))
        .isInstanceOf(InvalidDigestException.class);
  }

  @Test
  void theConstructorRejectsUpperCaseAndQuotesTheValueAsWritten() {
    String upper = HEX.toUpperCase(Locale.ROOT);

    assertThatThrownBy(() -> new Sha256(upper))
        .isInstanceOfSatisfying(
            InvalidDigestException.class, e -> assertThat(e.value()).isEqualTo(upper));
    assertThatThrownBy(() -> new Sha256(null))
        .isInstanceOfSatisfying(InvalidDigestException.class, e -> assertThat(e.value()).isNull());
  }

  @Test
  void parseQuotesARejectedValueInLowerCase() {
    String bad = HEX.toUpperCase(Locale.ROOT).substring(1) + "G";

    assertThatThrownBy(() -> Sha256.parse(bad))
        .isInstanceOfSatisfying(
            InvalidDigestException.class,
            e -> assertThat(e.value()).isEqualTo(HEX.substring(1) + "g"));
    assertThatThrownBy(() -> Sha256.parse(HEX + "0"))
        .isInstanceOfSatisfying(
            InvalidDigestException.class, e -> assertThat(e.value()).isEqualTo(HEX + "0"));
    assertThatThrownBy(() -> Sha256.parse((String) null))
        .isInstanceOfSatisfying(InvalidDigestException.class, e -> assertThat(e.value()).isNull());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 62, 63})
  void aNonDigitAnywhereIsRejected(int at) {
    for (char bad : new char[] {'g', '\u00e9', '\u0663'}) {
      char[] text = HEX.toCharArray();
      text[at] = bad;

      assertThatThrownBy(() -> Sha256.parse(text, 0, 64))
          .isInstanceOf(InvalidDigestException.class);
      assertThatThrownBy(() -> Sha256.parse(new String(text)))
          .isInstanceOf(InvalidDigestException.class);
      assertThatThrownBy(() -> new Sha256(new String(text)))
          .isInstanceOf(InvalidDigestException.class);
    }
  }
}
