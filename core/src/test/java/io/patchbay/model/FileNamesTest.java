package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bin/player",
        "fw/tuner.bin",
        "a",
        "lib/libfoo.so.1.2",
        "..hidden/x",
        "a/b..c",
        ".config/app"
      })
  void acceptsRelativeLogicalPaths(String name) {
    assertThat(FileNames.requireValid(name)).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|must not be empty",
        "/etc/passwd|must be relative",
        "../etc/passwd|'.' or '..'",
        "bin/../../etc|'.' or '..'",
        "bin/..|'.' or '..'",
        "./bin|'.' or '..'",
        "bin//player|empty segment",
        "bin/|empty segment",
        "bin\\player|backslash",
        "C:/windows|drive prefix",
      })
  void rejectsUnsafeNamesNamingTheRule(String name, String rule) {
    assertThatThrownBy(() -> FileNames.requireValid(name))
        .isInstanceOfSatisfying(
            InvalidFileNameException.class,
            error -> {
              assertThat(error.name()).isEqualTo(name);
              assertThat(error.rule()).contains(rule);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bin/play\u0000er",
        "bin/player\n",
        "bin/\u001b[31mred",
        "bin/a\u2028b",
        "x\u007f"
      })
  void rejectsControlCharactersAndQuotesThemSafely(String name) {
    assertThatThrownBy(() -> FileNames.requireValid(name))
        .isInstanceOf(InvalidFileNameException.class)
        .hasMessageContaining("control characters")
        .message()
        .doesNotContain("\n", "\u0000", "\u001b");
  }

  @org.junit.jupiter.api.Test
  void rejectsOverLongNamesAndSegments() {
    assertThatThrownBy(() -> FileNames.requireValid("a/".repeat(600) + "b"))
        .isInstanceOf(InvalidFileNameException.class)
        .hasMessageContaining("longer than 1024");
    assertThatThrownBy(() -> FileNames.requireValid("dir/" + "x".repeat(256)))
        .isInstanceOf(InvalidFileNameException.class)
        .hasMessageContaining("segment longer than 255");
    assertThat(FileNames.isValid("dir/" + "x".repeat(255))).isTrue();
  }

  @org.junit.jupiter.api.Test
  void nullIsRejectedLikeEmpty() {
    assertThat(FileNames.isValid(null)).isFalse();
  }
}
