package io.patchbay.internal.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerKeyTest {

  @Test
  void releaseKeysOrderByMajorThenMinorThenPatchAsNumbers() {
    List<String> ascending =
        List.of("0.0.0", "0.0.9", "0.0.10", "0.9.999999", "0.10.0", "1.0.0", "2.0.0", "999999.0.0");

    for (int i = 1; i < ascending.size(); i++) {
      assertThat(SemVerKey.of(ascending.get(i - 1)))
          .as(ascending.get(i - 1) + " < " + ascending.get(i))
          .isLessThan(SemVerKey.of(ascending.get(i)));
    }
  }

  @Test
  void aPreReleasePrecedesItsReleaseAndFollowsTheReleaseBefore() {
    long release = SemVerKey.of("1.2.3");
    long preRelease = SemVerKey.of("1.2.3-rc.1");

    assertThat(preRelease).isLessThan(release).isGreaterThan(SemVerKey.of("1.2.2"));
    assertThat(SemVerKey.of("1.2.4-alpha")).isGreaterThan(release);
    assertThat(SemVerKey.isRelease(release)).isTrue();
    assertThat(SemVerKey.isRelease(preRelease)).isFalse();
  }

  @Test
  void preReleasesOfOneReleaseShareAKeyAndCompareByTheirIdentifiers() {
    // Semantic Versioning 2.0.0, section 11.4's example, in ascending order.
    List<String> ascending =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0-rc.1.0");

    for (int i = 1; i < ascending.size(); i++) {
      String older = ascending.get(i - 1);
      String newer = ascending.get(i);
      assertThat(SemVerKey.of(older)).isEqualTo(SemVerKey.of(newer));
      assertThat(SemVerKey.comparePreReleases(older, newer)).as(older + " < " + newer).isNegative();
      assertThat(SemVerKey.comparePreReleases(newer, older)).as(newer + " > " + older).isPositive();
    }
    assertThat(SemVerKey.comparePreReleases("1.0.0-rc.1", "1.0.0-rc.1")).isZero();
  }

  @Test
  void alphanumericIdentifiersCompareInAsciiOrderNotByTheirDigits() {
    // Section 11.4.2: "rc10" and "rc9" are alphanumeric, so ASCII order decides.
    assertThat(SemVerKey.comparePreReleases("1.0.0-rc10", "1.0.0-rc9")).isNegative();
    assertThat(SemVerKey.comparePreReleases("1.0.0-10", "1.0.0-9")).isPositive();
    assertThat(SemVerKey.comparePreReleases("1.0.0-99999999999999999999", "1.0.0-a")).isNegative();
  }

  @Test
  void distinctReleasesHaveDistinctKeys() {
    assertThat(SemVerKey.of("1.2.3")).isNotEqualTo(SemVerKey.of("1.23.0"));
    assertThat(SemVerKey.of("12.3.0")).isNotEqualTo(SemVerKey.of("1.23.0"));
    assertThat(SemVerKey.of("1.2.3")).isEqualTo(SemVerKey.of(new String("1.2.3")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3+build.5", // build metadata: the full parse ignores it, the key cannot
        "1.2.3-rc.1+build",
        "1234567.0.0", // more than six digits
        "01.2.3", // leading zero (section 2)
        "1.2.3-01", // leading zero in a numeric pre-release identifier (section 9)
        "v1.2.3",
        "1.2",
        "1.2.3.4",
        "1..3",
        "1.2.3-",
        "1.2.3-rc..1",
        "1.2.3-rc_1",
        "1.2.x",
        ""
      })
  void versionsOutsideTheFastPathHaveNoKey(String version) {
    assertThat(SemVerKey.of(version)).isEqualTo(SemVerKey.NONE);
  }

  @Test
  void noVersionHasNoKey() {
    assertThat(SemVerKey.of(null)).isEqualTo(SemVerKey.NONE);
  }
}
