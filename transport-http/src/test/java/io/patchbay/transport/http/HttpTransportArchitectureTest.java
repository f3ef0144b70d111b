package io.patchbay.transport.http;

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
 * The HTTP transport is a leaf: it builds on core, the JDK and Jetty, and on no other transport.
 */
class HttpTransportArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("io.patchbay.transport.http");

  @Test
  void dependsOnlyOnCoreTheJdkJettySlf4jAndJacksonCore() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.patchbay",
            "io.patchbay.model..",
            "io.patchbay.version..",
            "io.patchbay.format..",
            "io.patchbay.catalog..",
            "io.patchbay.interrogate..",
            "io.patchbay.fetch..",
            "io.patchbay.transfer..",
            "io.patchbay.spi..",
            "io.patchbay.device..",
            // The reference device answers a TrustException with its problem type.
            "io.patchbay.trust..",
            "io.patchbay.internal..",
            "io.patchbay.transport.http..",
            "java..",
            "javax.net..",
            "javax.security.auth.x500..",
            "org.eclipse.jetty..",
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
