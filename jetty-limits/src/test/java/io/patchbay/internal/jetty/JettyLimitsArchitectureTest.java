package io.patchbay.internal.jetty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.patchbay.architecture.ApiDocumentation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared server is below the transports that use it: it builds on the JDK, Jetty and slf4j
 * only, and knows neither core nor any transport.
 */
class JettyLimitsArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("io.patchbay.internal.jetty");

  @Test
  void dependsOnlyOnTheJdkJettyAndSlf4j() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.patchbay.internal.jetty..", "java..", "org.eclipse.jetty..", "org.slf4j..")
        .check(MAIN);
  }

  @Test
  void everyPublicTypeAndMemberIsDocumented(@TempDir Path classes) throws Exception {
    assertThat(ApiDocumentation.undocumented(Path.of("src/main/java"), classes)).isEmpty();
  }
}
