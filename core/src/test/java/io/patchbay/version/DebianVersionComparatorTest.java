package io.patchbay.version;

import static io.patchbay.version.OrderingAssertions.assertOrder;
import static io.patchbay.version.OrderingAssertions.assertStrictlyAscending;
import static io.patchbay.version.OrderingAssertions.assertTotalPreorder;
import static io.patchbay.version.OrderingAssertions.randomValidVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian Policy 5.6.12. Every order vector here agrees with {@code dpkg --compare-versions} (1.21).
 */
class DebianVersionComparatorTest {

  private final VersionComparator debian = VersionComparator.debian();

  @Test
  void tildeSortsBeforeEverythingEvenTheEnd() {
    assertStrictlyAscending(debian, List.of("1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"));
  }

  @Test
  void lettersSortBeforeOtherCharacters() {
    assertStrictlyAscending(debian, List.of("1.0", "1.0A", "1.0Z", "1.0a", "1.0z", "1.0+", "1.0."));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0~rc1 < 1.0",
        "1.0~rc1-1 < 1.0-1",
        "1.0-1~bpo1 < 1.0-1",
        "1.0 < 1.0+b1",
        "1.0+b1 < 1.0.1",
      })
  void preReleasesUseTildeAndRebuildsUsePlus(String a, String relation, String b) {
    assertOrder(debian, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1:0.1 > 2.0",
        "0:1.0 = 1.0",
        "1:1.2.3-4 > 1.2.4-4",
        "1:0.4 > 10.3",
        "9:1.18.36:5.4-20 < 10:0.5.1-22",
        "0001:1.0 = 1:1.0",
      })
  void theEpochDecidesFirst(String a, String relation, String b) {
    assertOrder(debian, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0-1 < 1.0-1ubuntu1",
        "1.0-1 < 1.0-2",
        "1.0-9 < 1.0-10",
        "1:1.2.13-3 < 1:1.2.13-22",
        "1.0 = 1.0-0",
        "1.18.36-0.17.35-18 > 1.18.36-19",
        "9:1.18.36:5.4-20 < 9:1.18.36:5.5-1",
      })
  void theRevisionAfterTheLastHyphenDecidesLastAndDefaultsToZero(
      String a, String relation, String b) {
    assertOrder(debian, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.001 = 1.1",
        "1.0-00 = 1.0-0",
        "2.30-1 > 2.4-1",
        "1.2.3 < 1.2.3.0.1",
        "99999999999999999999 < 100000000000000000000",
        "1.000000000000000000000000000001 = 1.1",
        "1.99999999999999999999999999 < 1.100000000000000000000000000",
      })
  void digitRunsCompareByValueOfAnyLength(String a, String relation, String b) {
    assertOrder(debian, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "7.6p2-4 > 7.6-0",
        "1.0.3-3 > 1.0-1",
        "1.3 > 1.2.2-2",
        "0-pre = 0-pre",
        "0-pre < 0-pree",
        "1.1.6r2-2 > 1.1.6r-1",
        "2.6b2-1 > 2.6b-2",
        "98.1p5-1 < 98.1-pre2-b6-2",
        "0.4a6-2 > 0.4-1",
        "1:3.0.5-2 < 1:3.0.5.1",
      })
  void ordersMixedRunsLikeDpkg(String a, String relation, String b) {
    assertOrder(debian, a, relation, b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "1.0",
        "1.0+dfsg1-2~bpo11+1",
        "1:2.0:3-1",
        "2.0-beta-1",
        "1.0--1",
        "0001:1.0",
        "2147483647:1.0",
        "1.0~rc1",
        "1.0-1.2~3+4"
      })
  void acceptsWhatDpkgAccepts(String version) {
    assertThatCode(() -> debian.validate(version)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "[{0}]: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''               | must not be empty",
        "1:               | upstream version must not be empty",
        "-1               | upstream version must not be empty",
        "a1.0             | upstream version must start with a digit",
        "' 1.0'           | upstream version must start with a digit",
        ":1.0             | epoch must be an unsigned integer",
        "x:1.0            | epoch must be an unsigned integer",
        "+1:1.0           | epoch must be an unsigned integer",
        "2.0:3            | epoch must be an unsigned integer",
        "2147483648:1.0   | epoch must not exceed 2147483647",
        "1.0-             | revision after the last '-' must not be empty",
        "1.0_1            | upstream version must not contain '_'",
        "1.0é             | upstream version must not contain 'é'",
        "'1.0 '           | upstream version must not contain ' '",
        "1.0-1_2          | revision must not contain '_'",
        "1:1.0-1:2        | revision must not contain ':'",
      })
  void rejectsWhatPolicyDoesNotAllowSayingWhy(String version, String reason) {
    assertThatThrownBy(() -> debian.validate(version))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e -> {
              assertThat(e.version()).isEqualTo(version);
              assertThat(e.scheme()).isEqualTo("debian");
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  @Test
  void orderIsATotalPreorderOverRandomVersions() {
    assertTotalPreorder(debian, randomValidVersions(debian, "0001199aAzZ~~++..--::", 8, 200, 11));
  }
}
