package io.patchbay.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users copy never touches {@code io.patchbay.internal}: neither the example programs and
 * tests nor the code that the documentation shows.
 */
class NoInternalsTest {

  private static final String INTERNAL = "io.patchbay.internal";

  @Test
  void examplesDependOnNothingInternal() {
    noClasses().should().dependOnClassesThat().resideInAPackage(INTERNAL + "..")
        .check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.patchbay.examples"));
  }

  @Test
  void documentationCodeUsesNothingInternal() throws IOException {
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> top = Files.list(Path.of("..")); Stream<Path> docs = Files.walk(Path.of("../docs"))) {
      top.filter(NoInternalsTest::isMarkdown).forEach(pages::add);
      docs.filter(NoInternalsTest::isMarkdown).forEach(pages::add);
    }
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).forEach(pages::add);
    }
    List<String> uses = new ArrayList<>();
    for (Path page : pages) {
      internalUses(Files.readString(page)).forEach(line -> uses.add(page.normalize() + ": " + line));
    }

    assertThat(pages).extracting(page -> page.getFileName().toString()).contains("README.md", "campaigns.md");
    assertThat(uses).isEmpty();
  }

  @Test
  void internalUsesAreFoundInCodeBlocksOnly() {
    String page = """
        Prose may say that `io.patchbay.internal` is not API.

        ```java
        import io.patchbay.model.Manifest;
        import io.patchbay.internal.fetch.VerifyingCopy;
        ```
        """;

    assertThat(internalUses(page)).containsExactly("import io.patchbay.internal.fetch.VerifyingCopy;");
  }

  /** The lines of fenced code blocks in a Markdown page that name {@code io.patchbay.internal}. */
  static List<String> internalUses(String markdown) {
    List<String> uses = new ArrayList<>();
    boolean inCode = false;
    for (String line : markdown.lines().toList()) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
      } else if (inCode && line.contains(INTERNAL)) {
        uses.add(line.strip());
      }
    }
    return uses;
  }

  private static boolean isMarkdown(Path path) {
    return Files.isRegularFile(path) && path.toString().endsWith(".md");
  }
}
