package io.patchbay.transport.mender;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.patchbay.architecture.ApiDocumentation;
import io.patchbay.architecture.JsonRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mender transport is a leaf: it builds on core, the JDK, Jetty, Commons Compress, slf4j and
 * jackson-core, and on no other transport (their jars are on its test class path only).
 */
class MenderTransportArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("io.patchbay.transport.mender");

  @Test
  void dependsOnlyOnCoreTheJdkJettyCommonsCompressSlf4jAndJacksonCore() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.patchbay",
            "io.patchbay.model..",
            "io.patchbay.catalog..",
            "io.patchbay.interrogate..",
            "io.patchbay.fetch..",
            "io.patchbay.transfer..",
            "io.patchbay.spi..",
            "io.patchbay.internal..",
            "io.patchbay.transport.mender..",
            "java..",
            "org.eclipse.jetty..",
            "org.apache.commons.compress..",
            "org.slf4j..",
            "com.fasterxml.jackson.core..")
        .check(MAIN);
  }

  @Test
  void jsonIsConfiguredOnlyByTheSharedFactory() {
    JsonRules.ONLY_THE_SHARED_FACTORY_CONFIGURES_JSON.check(MAIN);
  }

  @Test
  void everyPublicTypeAndMemberIsDocumented(@TempDir Path classes) throws Exception {
    assertThat(ApiDocumentation.undocumented(Path.of("src/main/java"), classes)).isEmpty();
  }
}
