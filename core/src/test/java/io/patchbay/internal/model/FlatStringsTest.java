package io.patchbay.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatStringsTest {

  /** Strings of every length class: empty, short, and longer than a page (2^21 chars). */
  private static List<String> strings() {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 150_000; i++) {
      strings.add(i % 1000 == 0 ? "" : "pkg/" + i + "/lib" + "x".repeat(i % 40) + ".so");
      if (i == 70_000) {
        strings.add("long/".repeat(500_000));
        strings.add("");
      }
    }
    return strings;
  }

  private static FlatStrings flat(List<String> strings, int guessedCount) {
    FlatStrings.Builder builder = new FlatStrings.Builder(guessedCount, 8);
    for (String string : strings) {
      builder.add(string);
    }
    return builder.build();
  }

  @Test
  void givesBackEveryStringAcrossPagesWhetherTheCountWasGuessedOrNot() {
    List<String> strings = strings();

    for (FlatStrings flat : List.of(flat(strings, 1), flat(strings, strings.size()))) {
      for (int i = 0; i < strings.size(); i++) {
        assertThat(flat.get(i)).isEqualTo(strings.get(i));
        assertThat(flat.length(i)).isEqualTo(strings.get(i).length());
        assertThat(flat.equal(i, strings.get(i))).isTrue();
      }
    }
  }

  @Test
  void comparesInPlaceWithAnotherColumnAndWithAString() {
    List<String> strings = strings();
    FlatStrings flat = flat(strings, 1);
    List<String> shifted = new ArrayList<>(strings.subList(1, strings.size()));
    shifted.add(strings.get(0));
    FlatStrings other = flat(shifted, 16);

    for (int i = 1; i < strings.size(); i++) {
      assertThat(flat.equal(i, other, i - 1)).isTrue();
      boolean same = strings.get(i).equals(shifted.get(i - 1 == 0 ? 1 : 0));
      assertThat(flat.equal(i, other, i - 1 == 0 ? 1 : 0)).isEqualTo(same);
    }
    assertThat(flat.equal(1, "pkg/1/lib" + "x".repeat(1) + ".s")).isFalse();
    assertThat(flat.equal(1, "pkg/1/lib" + "x".repeat(1) + ".sx")).isFalse();
    assertThat(flat.equal(1, "pkg/1/lib" + "x".repeat(1) + ".so")).isTrue();
  }
}
