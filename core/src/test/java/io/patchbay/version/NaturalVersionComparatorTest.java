package io.patchbay.version;

import static io.patchbay.version.OrderingAssertions.assertOrder;
import static io.patchbay.version.OrderingAssertions.assertStrictlyAscending;
import static io.patchbay.version.OrderingAssertions.assertTotalPreorder;
import static io.patchbay.version.OrderingAssertions.randomValidVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules written in {@link NaturalVersionComparator}'s documentation, one test each. */
class NaturalVersionComparatorTest {

  private final VersionComparator natural = VersionComparator.natural();

  @Test
  void vendorFirmwareStringsCompareNumbersAsNumbers() {
    assertStrictlyAscending(
        natural, List.of("2.9.9", "2.10.3", "2.10.3-b99", "2.10.3-b457", "2.11"));
    assertStrictlyAscending(
        natural, List.of("20231105.1", "20231105.2", "20231105.10", "20231106"));
    assertStrictlyAscending(natural, List.of("V3R2C9", "V3R2C10", "V3R10C1", "V4R1C1"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.007 = 1.7",
        "1.0 = 1.00",
        "99999999999999999999999 < 100000000000000000000000",
        "20231105.1 < 20231105.2",
      })
  void numbersCompareByValueOfAnyLength(String a, String relation, String b) {
    assertOrder(natural, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "V3R2C10 = v3r2c10",
        "1.0-RC1 = 1.0-rc1",
        "1.0-alpha < 1.0-Beta",
        "1.0-rc < 1.0-rcb",
      })
  void wordsCompareAlphabeticallyIgnoringCase(String a, String relation, String b) {
    assertOrder(natural, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.beta < 1.0.1",
        "1.0-rc1 < 1.0.0",
        "V3R2 < 3.2",
      })
  void aWordIsOlderThanANumberAtTheSamePosition(String a, String relation, String b) {
    assertOrder(natural, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1 < 1.0",
        "1.0 < 1.0.0",
        "1.0 < 1.0.1",
        "1.0 < 1.0-rc1",
        "2.10.3 < 2.10.3-b457",
        "V3R2 < V3R2C1",
      })
  void aVersionThatIsAPrefixOfAnotherIsOlder(String a, String relation, String b) {
    assertOrder(natural, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0 = 1-0",
        "1.0-b2 = 1_0+b2",
        "V3R2 = v3.r2",
        "1..0 = 1.0",
        "-1.0. = 1.0",
      })
  void separatorsOnlyEndRuns(String a, String relation, String b) {
    assertOrder(natural, a, relation, b);
  }

  @ParameterizedTest(name = "[{0}]: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''         | must not be empty",
        "...        | must contain a letter or a digit",
        "1.0/2      | only ASCII letters, digits and . - _ + are allowed, not '/'",
        "1.0~rc     | only ASCII letters, digits and . - _ + are allowed, not '~'",
        "'1.0 '     | only ASCII letters, digits and . - _ + are allowed, not ' '",
        "1,0        | only ASCII letters, digits and . - _ + are allowed, not ','",
        "v1.0é      | only ASCII letters, digits and . - _ + are allowed, not 'é'",
        "２.0       | only ASCII letters, digits and . - _ + are allowed, not '２'",
      })
  void rejectsStringsOutsideTheSchemeSayingWhy(String version, String reason) {
    assertThatThrownBy(() -> natural.validate(version))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e -> {
              assertThat(e.version()).isEqualTo(version);
              assertThat(e.scheme()).isEqualTo("natural");
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  @Test
  void orderIsATotalPreorderOverRandomVersions() {
    assertTotalPreorder(natural, randomValidVersions(natural, "00199aAbBrRcC..-_+", 7, 200, 13));
  }
}
