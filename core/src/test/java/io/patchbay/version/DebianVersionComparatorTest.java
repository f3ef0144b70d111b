package io.patchbay.version;

import static io.patchbay.version.OrderingAssertions.assertConsistent;
import static io.patchbay.version.OrderingAssertions.assertStrictlyAscending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebianVersionComparatorTest {

  private final VersionComparator debian = VersionComparator.debian();

  @Test
  void tildeSortsBeforeEverythingEvenTheEnd() {
    assertStrictlyAscending(debian, List.of("1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", "1.0+b1", "1.0.1"));
  }

  @Test
  void lettersSortBeforeOtherCharacters() {
    assertStrictlyAscending(debian, List.of("1.0a", "1.0z", "1.0+", "1.0."));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = ' ', value = {
      // From dpkg's own tests (lib/dpkg/t/t-version.c) and Debian Policy 5.6.12.
      "1.0 = 1.0",
      "1.0 = 1.0-0",
      "1.001 = 1.1",
      "0:1.0 = 1.0",
      "1:0.1 > 2.0",
      "1.0-1 < 1.0-1ubuntu1",
      "1.0-1 < 1.0-2",
      "1.0-9 < 1.0-10",
      "1.0~rc1 < 1.0",
      "1.0~rc1-1 < 1.0-1",
      "2.30-1 > 2.4-1",
      "1.2.3 < 1.2.3.0.1",
      "1:1.2.3-4 > 1.2.4-4",
      "1.0-1~bpo1 < 1.0-1",
      "99999999999999999999 < 100000000000000000000",
      "7.6p2-4 > 7.6-0",
      "1:1.18.36:5.4-20 < 1:1.18.37:1.1-1",
  })
  void ordersLikeDpkg(String a, String relation, String b) {
    int expected = switch (relation) {
      case "<" -> -1;
      case ">" -> 1;
      default -> 0;
    };
    assertThat(Integer.signum(debian.compare(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(debian.compare(b, a))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a1.0", "1.0-", ":1.0", "x:1.0", "1.0_1", "1.0-1_2", "1.0 1", "1:", "-1"})
  void rejectsWhatPolicyDoesNotAllow(String version) {
    assertThatThrownBy(() -> debian.validate(version))
        .isInstanceOfSatisfying(InvalidVersionException.class, e -> assertThat(e.scheme()).isEqualTo("debian"));
  }

  @Test
  void colonsAndHyphensInUpstreamNeedAnEpochAndARevision() {
    debian.validate("1:2.0:3-1");
    debian.validate("2.0-beta-1");
    assertThatThrownBy(() -> debian.validate("2.0:3")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void orderIsAConsistentTotalPreorder() {
    Random random = new Random(11);
    String[] parts = {"0", "1", "01", "10", "~", "~~", "a", "b", "+", ".", "~rc1", "1a"};
    assertConsistent(debian, () -> {
      StringBuilder version = new StringBuilder(random.nextBoolean() ? "" : random.nextInt(3) + ":");
      version.append(random.nextInt(10));
      for (int i = random.nextInt(4); i > 0; i--) {
        version.append(parts[random.nextInt(parts.length)]);
      }
      if (random.nextBoolean()) {
        version.append('-').append(random.nextInt(3)).append(parts[random.nextInt(parts.length)]);
      }
      return version.toString();
    }, 2);
  }
}
