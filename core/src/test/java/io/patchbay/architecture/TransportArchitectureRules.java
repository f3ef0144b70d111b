package io.patchbay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules every transport module keeps over its main classes, which each transport's architecture
 * test subclasses with its package and what it may use beyond the common part: a transport is a
 * leaf, built on core's transport SPI, the JDK, slf4j and jackson-core, and never on another
 * transport; it configures JSON only through the shared factory; and its public API is documented.
 * One instance per class, so that the classes are imported once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransportArchitectureRules {

  /** What every transport may use: core's transport side, its own package is added. */
  private static final List<String> COMMON =
      List.of(
          "io.patchbay",
          "io.patchbay.model..",
          "io.patchbay.catalog..",
          "io.patchbay.interrogate..",
          "io.patchbay.fetch..",
          "io.patchbay.transfer..",
          "io.patchbay.spi..",
          "io.patchbay.internal..",
          "java..",
          "org.slf4j..",
          "com.fasterxml.jackson.core..");

  private final JavaClasses main;
  private final List<String> allowed = new ArrayList<>(COMMON);

  /**
   * The rules for the main classes of {@code transportPackage}, which may also depend on the
   * packages {@code mayAlsoUse} (ArchUnit patterns, such as {@code "org.eclipse.jetty.."}).
   */
  protected TransportArchitectureRules(String transportPackage, String... mayAlsoUse) {
    this.main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(transportPackage);
    allowed.add(transportPackage + "..");
    allowed.addAll(List.of(mayAlsoUse));
  }

  @Test
  void dependsOnlyOnCoreTheJdkAndItsOwnLibrariesNeverOnAnotherTransport() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowed.toArray(String[]::new))
        .check(main);
  }

  @Test
  void jsonIsConfiguredOnlyByTheSharedFactory() {
    JsonRules.ONLY_THE_SHARED_FACTORY_CONFIGURES_JSON.check(main);
  }

  @Test
  void everyPublicTypeAndMemberIsDocumented(@TempDir Path classes) throws Exception {
    assertThat(ApiDocumentation.undocumented(Path.of("src/main/java"), classes)).isEmpty();
  }
}
