package io.patchbay.examples;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.WaveReport;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users copy uses only API: neither the example programs and tests nor the code that the
 * documentation shows touch {@code io.patchbay.internal}, and no example makes an output record (a
 * report, a plan), whose constructors are not API.
 */
class ExamplesUseOnlyApiTest {

  private static final String INTERNAL = "io.patchbay.internal";
  private static final Set<Class<?>> OUTPUT_RECORDS =
      Set.of(
          UpdateReport.class,
          FileOutcome.class,
          FleetReport.class,
          UpdatePlan.class,
          PlannedFile.class,
          CampaignReport.class,
          WaveReport.class,
          ClientOutcome.class);
  private static final JavaClasses EXAMPLES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("io.patchbay.examples");

  @Test
  void examplesDependOnNothingInternal() {
    noClasses().should().dependOnClassesThat().resideInAPackage(INTERNAL + "..").check(EXAMPLES);
  }

  @Test
  void examplesNeverMakeOutputRecords() {
    noClasses()
        .should()
        .callConstructorWhere(
            describe(
                "the constructor of an output record",
                call ->
                    OUTPUT_RECORDS.stream()
                        .anyMatch(type -> call.getTargetOwner().isEquivalentTo(type))))
        .check(EXAMPLES);
  }

  @Test
  void documentationCodeUsesNothingInternal() throws IOException {
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> top = Files.list(Path.of(".."));
        Stream<Path> docs = Files.walk(Path.of("../docs"))) {
      top.filter(ExamplesUseOnlyApiTest::isMarkdown).forEach(pages::add);
      docs.filter(ExamplesUseOnlyApiTest::isMarkdown).forEach(pages::add);
    }
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      modules
          .map(module -> module.resolve("README.md"))
          .filter(Files::isRegularFile)
          .forEach(pages::add);
    }
    List<String> uses = new ArrayList<>();
    for (Path page : pages) {
      internalUses(Files.readString(page))
          .forEach(line -> uses.add(page.normalize() + ": " + line));
    }

    assertThat(pages)
        .extracting(page -> page.getFileName().toString())
        .contains("README.md", "campaigns.md");
    assertThat(uses).isEmpty();
  }

  @Test
  void internalUsesAreFoundInCodeBlocksOnly() {
    String page =
        """
        Prose may say that `io.patchbay.internal` is not API.

        ```java
        import io.patchbay.model.Manifest;
        import io.patchbay.internal.fetch.VerifyingCopy;
        ```
        """;

    assertThat(internalUses(page))
        .containsExactly("import io.patchbay.internal.fetch.VerifyingCopy;");
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
