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
        "icons/console.log",
        "com10/conference",
        "dev/comx",
        "dev/conin",
        "dev/nul1",
        "d\u00e9j\u00e0/vu.txt",
        "\u65e5\u672c/\u30d5\u30a1\u30a4\u30eb",
        "emoji/\ud83d\ude00.png",
        "bin/ player",
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
        "bin/a:b|must not contain any of",
        "bin/what?|must not contain any of",
        "bin/<x>|must not contain any of",
        "bin/a*|must not contain any of",
        "bin/player.|ending in a dot or a space",
        "bin./player|ending in a dot or a space",
        "'bin/player '|ending in a dot or a space",
        "CON|Windows device name",
        "dev/nul|Windows device name",
        "dev/Nul.txt|Windows device name",
        "logs/aux.tar.gz|Windows device name",
        "ports/COM1|Windows device name",
        "ports/lpt9.bin|Windows device name",
        "dev/CONIN$|Windows device name",
        "dev/conout$.log|Windows device name",
        "dev/Aux|Windows device name",
        "ports/com\u00b9|Windows device name",
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

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // e + combining acute: the same name as U+00E9 once normalised, as macOS does.
        "de\u0301ja\u0300/vu|Normalization Form C",
        "bin/\u202Egnp.exe|format characters such as U+202E",
        "bin/zero\u200Dwidth|format characters such as U+200D",
        "bin/\uFEFFbom|format characters such as U+FEFF",
        "bin/\ud83d|unpaired surrogates",
        "bin/\ude00x|unpaired surrogates",
      })
  void rejectsUnicodeThatNamesOneFileSeveralWays(String name, String rule) {
    assertThatThrownBy(() -> FileNames.requireValid(name))
        .isInstanceOfSatisfying(
            InvalidFileNameException.class, error -> assertThat(error.rule()).contains(rule));
  }

  @org.junit.jupiter.api.Test
  void nullIsRejectedLikeEmpty() {
    assertThat(FileNames.isValid(null)).isFalse();
  }
}
