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

class NaturalVersionComparatorTest {

  private final VersionComparator natural = VersionComparator.natural();

  @Test
  void vendorFirmwareStringsCompareNumbersAsNumbers() {
    assertStrictlyAscending(natural, List.of("2.9.9", "2.10.3", "2.10.3-b99", "2.10.3-b457", "2.11"));
    assertStrictlyAscending(natural, List.of("20231105.1", "20231105.2", "20231105.10", "20231106"));
    assertStrictlyAscending(natural, List.of("V3R2C9", "V3R2C10", "V3R10C1", "V4R1C1"));
  }

  @Test
  void wordsIgnoreCaseAndSortBeforeNumbers() {
    assertThat(natural.compare("V3R2C10", "v3r2c10")).isZero();
    assertStrictlyAscending(natural, List.of("1.0.alpha", "1.0.beta", "1.0.1"));
  }

  @Test
  void theLongerVersionIsNewerWhenOneIsAPrefixOfTheOther() {
    assertStrictlyAscending(natural, List.of("1", "1.0", "1.0.0", "1.0.0-rc1"));
  }

  @Test
  void leadingZerosAndSeparatorsDoNotMatter() {
    assertThat(natural.compare("1.007", "1.7")).isZero();
    assertThat(natural.compare("1.0-b2", "1_0+b2")).isZero();
    assertThat(natural.compare("99999999999999999999999", "100000000000000000000000")).isNegative();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "...", "1.0/2", "1.0~rc", "version 1", "1,0", "v1.0é"})
  void rejectsStringsOutsideTheScheme(String version) {
    assertThatThrownBy(() -> natural.validate(version))
        .isInstanceOfSatisfying(InvalidVersionException.class, e -> {
          assertThat(e.scheme()).isEqualTo("natural");
          assertThat(e.version()).isEqualTo(version);
        });
  }

  @Test
  void orderIsAConsistentTotalPreorder() {
    Random random = new Random(13);
    String[] runs = {"0", "1", "01", "10", "2", "a", "B", "rc", "beta", "V"};
    String[] separators = {".", "-", "_", "+", ""};
    assertConsistent(natural, () -> {
      StringBuilder version = new StringBuilder(runs[random.nextInt(runs.length)]);
      for (int i = random.nextInt(4); i > 0; i--) {
        version.append(separators[random.nextInt(separators.length)]).append(runs[random.nextInt(runs.length)]);
      }
      return version.toString();
    }, 3);
  }
}
