package io.patchbay.version;

import static io.patchbay.version.OrderingAssertions.assertConsistent;
import static io.patchbay.version.OrderingAssertions.assertStrictlyAscending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerComparatorTest {

  private final VersionComparator semver = VersionComparator.semver();

  @Test
  void specificationPrecedenceExampleOfSection11() {
    assertStrictlyAscending(semver, List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"));
  }

  @Test
  void majorMinorPatchCompareNumerically() {
    assertStrictlyAscending(semver, List.of("1.0.0", "2.0.0", "2.1.0", "2.1.1", "2.10.0", "10.0.0"));
  }

  @Test
  void buildMetadataIsIgnoredForPrecedence() {
    assertThat(semver.compare("1.0.0+20130313144700", "1.0.0+exp.sha.5114f85")).isZero();
    assertThat(semver.compare("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta")).isZero();
  }

  @Test
  void numericIdentifiersSortBeforeAlphanumericOnes() {
    assertStrictlyAscending(semver, List.of("1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-A", "1.0.0-a", "1.0.0-a-b"));
  }

  @Test
  void numericIdentifiersOfAnyLengthCompareByValue() {
    assertThat(semver.compare("1.0.0-alpha.9999999999999999999", "1.0.0-alpha.10000000000000000000")).isNegative();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "v1.0.0", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0+", "1.0.0-a..b", "1.0.0.0", "1.0.0-é",
      "99999999999999999999.0.0"})
  void rejectsWhatTheSpecificationDoesNotAllowNamingVersionAndScheme(String version) {
    assertThatThrownBy(() -> semver.validate(version))
        .isInstanceOfSatisfying(InvalidVersionException.class, e -> {
          assertThat(e.version()).isEqualTo(version);
          assertThat(e.scheme()).isEqualTo("semver");
        });
    assertThatThrownBy(() -> semver.compare("1.0.0", version)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void orderIsAConsistentTotalPreorder() {
    Random random = new Random(7);
    String[] pre = {"", "-alpha", "-alpha.1", "-beta", "-rc.1", "-rc.2", "-1", "-x.7.z.92"};
    String[] build = {"", "+b1", "+exp.sha"};
    assertConsistent(semver, () -> random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(3)
        + pre[random.nextInt(pre.length)] + build[random.nextInt(build.length)], 1);
  }
}
