package io.patchbay.version;

import static io.patchbay.version.OrderingAssertions.assertOrder;
import static io.patchbay.version.OrderingAssertions.assertStrictlyAscending;
import static io.patchbay.version.OrderingAssertions.assertTotalPreorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Semantic Versioning 2.0.0, section 11 (precedence) and the grammar in section 2 to 10. */
class SemVerComparatorTest {

  private final VersionComparator semver = VersionComparator.semver();

  @Test
  void specificationPrecedenceExampleOfSection11() {
    assertStrictlyAscending(
        semver,
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0"));
  }

  @Test
  void majorMinorPatchCompareNumerically() {
    assertStrictlyAscending(
        semver, List.of("1.0.0", "2.0.0", "2.1.0", "2.1.1", "2.10.0", "10.0.0", "2147483647.0.0"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "999999.0.0 < 1000000.0.0",
        "1.999999.0 < 1.1000000.0",
        "0.0.999999 < 0.0.1000000",
        "1.2.3 = 1.2.3+build.7",
        "1.2.3 > 1.2.3-rc.1",
      })
  void plainReleasesCompareAlikeOnBothSidesOfTheFastPathsSixDigitLimit(
      String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01.2.3", "1.02.3", "1.2.03", "1.2", "1.2.3.4", "1..3", ".1.2", "1.2.3.", "v1.2.3", " 1.2.3"
      })
  void malformedPlainReleasesAreRejectedNotComparedByTheFastPath(String version) {
    assertThatThrownBy(() -> semver.compare(version, "1.0.0"))
        .isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> semver.compare("1.0.0", version))
        .isInstanceOf(InvalidVersionException.class);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.0-rc.1 < 1.0.0",
        "1.0.0-0 < 1.0.0",
        "1.0.0 < 1.0.1-alpha",
      })
  void aPreReleaseIsOlderThanItsReleaseOnly(String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.0-2 < 1.0.0-10",
        "1.0.0-alpha.9 < 1.0.0-alpha.10",
        "1.0.0-alpha.9999999999999999999 < 1.0.0-alpha.10000000000000000000",
      })
  void numericIdentifiersCompareByValueOfAnyLength(String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.0-999 < 1.0.0-A",
        "1.0.0-10 < 1.0.0-0a",
        "1.0.0-alpha.1 < 1.0.0-alpha.beta",
      })
  void numericIdentifiersSortBeforeAlphanumericOnes(String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  /** semver4j orders these by the trailing number; section 11.4.2 says ASCII order. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.0-A < 1.0.0-a",
        "1.0.0-rc10 < 1.0.0-rc9",
        "1.0.0-beta-10 < 1.0.0-beta-2",
        "1.0.0-a10 < 1.0.0-a1b",
        "1.0.0-1a < 1.0.0-a",
        "1.0.0-a < 1.0.0-a-b",
      })
  void alphanumericIdentifiersCompareInAsciiOrderEvenWhenTheyEndInDigits(
      String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.0-alpha < 1.0.0-alpha.1",
        "1.0.0-alpha.1 < 1.0.0-alpha.1.0",
        "1.0.0-rc < 1.0.0-rc.0",
      })
  void theLargerSetOfIdentifiersWinsWhenAllBeforeAreEqual(String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0.0+20130313144700 = 1.0.0+exp.sha.5114f85",
        "1.0.0-beta+exp.sha.5114f85 = 1.0.0-beta",
        "1.0.0+build.2 = 1.0.0",
        "1.0.0-alpha+z < 1.0.0-beta+a",
      })
  void buildMetadataIsIgnoredForPrecedence(String a, String relation, String b) {
    assertOrder(semver, a, relation, b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.0",
        "v1.0.0",
        "01.0.0",
        "1.01.0",
        "1.0.0-01",
        "1.0.0-",
        "1.0.0+",
        "1.0.0-a..b",
        "1.0.0.0",
        "1.0.0-é",
        "1.0.0-a_b",
        "1.0.0+b+c",
        " 1.0.0",
        "1.0.0 ",
        "1.0.0\n",
        "１.0.0",
        "-1.0.0"
      })
  void rejectsWhatTheGrammarDoesNotAllowNamingVersionAndScheme(String version) {
    assertThatThrownBy(() -> semver.validate(version))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e -> {
              assertThat(e.version()).isEqualTo(version);
              assertThat(e.scheme()).isEqualTo("semver");
              assertThat(e.reason()).isNotBlank();
            });
    assertThatThrownBy(() -> semver.compare("1.0.0", version))
        .isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> semver.compare(version, "1.0.0"))
        .isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void rejectsMajorMinorOrPatchBeyondIntRangeRatherThanMisorderingThem() {
    assertThatThrownBy(() -> semver.validate("1.2147483648.0"))
        .isInstanceOfSatisfying(
            InvalidVersionException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo("major, minor and patch above 2147483647 are not supported"));
  }

  @Test
  void orderIsATotalPreorderOverRandomVersions() {
    assertTotalPreorder(semver, randomVersions(new Random(7), 150));
  }

  @Test
  void theAllocationFreePathOrdersAsTheFullParseDoes() {
    // Build metadata sends a version through semver4j's parse and changes no precedence, so each
    // pair is compared once by each path.
    List<String> versions =
        randomVersions(new Random(11), 300).stream()
            .map(version -> version.replaceFirst("\\+.*", ""))
            .toList();
    for (String a : versions) {
      for (String b : versions) {
        assertThat(Integer.signum(semver.compare(a, b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.signum(semver.compare(a + "+full", b + "+parse")));
      }
    }
  }

  private static List<String> randomVersions(Random random, int count) {
    String[] identifiers = {
      "0",
      "1",
      "2",
      "10",
      "99999999999999999999",
      "alpha",
      "beta",
      "rc",
      "rc9",
      "rc10",
      "A",
      "a-b",
      "-",
      "0a"
    };
    String[] builds = {"", "+b1", "+exp.sha", "+0"};
    List<String> versions = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      StringBuilder version =
          new StringBuilder()
              .append(random.nextInt(3))
              .append('.')
              .append(random.nextInt(3))
              .append('.')
              .append(random.nextInt(3));
      for (int i = random.nextInt(4); i > 0; i--) {
        version
            .append(version.indexOf("-") < 0 ? '-' : '.')
            .append(identifiers[random.nextInt(identifiers.length)]);
      }
      versions.add(version.append(builds[random.nextInt(builds.length)]).toString());
    }
    return versions;
  }
}
