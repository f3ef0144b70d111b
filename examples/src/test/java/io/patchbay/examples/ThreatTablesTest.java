package io.patchbay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The threat tables of docs/security.md and docs/signing.md name the tests that prove each defence:
 * every one named must exist, so a renamed or deleted test cannot leave a defence unproven on
 * paper.
 */
class ThreatTablesTest {

  /** {@code Class#method}, {@code Outer.Nested#method}, or {@code #method} of the class before. */
  private static final Pattern TEST =
      Pattern.compile("`([A-Z][A-Za-z0-9]*(?:\\.[A-Z]\\w*)?)?#(\\w+)`");

  @Test
  void everyTestNamedInAThreatTableExists() throws IOException {
    List<Path> sources = testSources();
    List<String> missing = new ArrayList<>();
    int named = 0;
    for (String page : List.of("../docs/security.md", "../docs/signing.md")) {
      for (String row : Files.readAllLines(Path.of(page))) {
        if (!row.startsWith("| ")) {
          continue;
        }
        // The last cell: between the last two bars.
        int end = row.lastIndexOf('|');
        String tests = row.substring(row.lastIndexOf('|', end - 1) + 1, end);
        String lastClass = null;
        Matcher test = TEST.matcher(tests);
        while (test.find()) {
          lastClass = test.group(1) != null ? test.group(1) : lastClass;
          named++;
          if (lastClass == null || !declares(sources, lastClass, test.group(2))) {
            missing.add(page + ": " + lastClass + "#" + test.group(2));
          }
        }
      }
    }

    assertThat(named).isGreaterThan(40);
    assertThat(missing).isEmpty();
  }

  @Test
  void aTestThatDoesNotExistIsFound() throws IOException {
    List<Path> sources = testSources();

    assertThat(declares(sources, "ThreatTablesTest", "everyTestNamedInAThreatTableExists"))
        .isTrue();
    assertThat(declares(sources, "ThreatTablesTest", "noSuchTest")).isFalse();
    assertThat(declares(sources, "NoSuchClass", "everyTestNamedInAThreatTableExists")).isFalse();
  }

  /** Whether the source of {@code type} (its outer class's, if nested) has a method so named. */
  private static boolean declares(List<Path> sources, String type, String method)
      throws IOException {
    String file = (type.contains(".") ? type.substring(0, type.indexOf('.')) : type) + ".java";
    Pattern declaration = Pattern.compile("\\svoid " + Pattern.quote(method) + "\\(");
    for (Path source : sources) {
      if (source.getFileName().toString().equals(file)
          && declaration.matcher(Files.readString(source)).find()) {
        return true;
      }
    }
    return false;
  }

  /** Every module's test sources, and the testkit's main sources (the conformance kit). */
  private static List<Path> testSources() throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(".."))) {
      files
          .filter(path -> path.toString().endsWith(".java"))
          .filter(
              path ->
                  path.toString().contains("/src/test/java/")
                      || path.toString().contains("/testkit/src/main/java/"))
          .filter(path -> !path.toString().contains("/target/"))
          .forEach(sources::add);
    }
    return sources;
  }
}
