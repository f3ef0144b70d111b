package io.patchbay.cli;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.patchbay.architecture.JsonRules;
import org.junit.jupiter.api.Test;

/** The CLI's main classes follow the rules every module follows. */
class CliArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("io.patchbay.cli");

  /**
   * GatewayYaml builds the one YAML factory (a Jackson token stream factory, so the JSON rule would
   * catch it): YAML is not JSON, and the shared JSON set-up cannot read it. It is held to its own
   * limits, and no other class may build a factory.
   */
  private static final DescribedPredicate<JavaClass> THE_YAML_READER =
      DescribedPredicate.describe(
          "the gateway's YAML reader",
          type -> type.getName().startsWith(GatewayYaml.class.getName()));

  @Test
  void jsonIsConfiguredOnlyByTheSharedFactory() {
    JsonRules.ONLY_THE_SHARED_FACTORY_CONFIGURES_JSON.check(
        MAIN.that(DescribedPredicate.not(THE_YAML_READER)));
  }
}
