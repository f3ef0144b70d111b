package io.patchbay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dependency rules of {@code core}, checked on its main classes only. */
class ArchitectureTest {

  /**
   * The steps of an update, one slice each: {@code io.patchbay.<step>..}, and with it {@code
   * io.patchbay.internal.<step>..}, what the step shares with other modules without making it API.
   */
  private static final SliceAssignment STEPS =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String[] names = javaClass.getPackageName().split("\\.", -1);
          if (names.length < 3) {
            return SliceIdentifier.ignore();
          }
          boolean internalOfAStep = names[2].equals("internal") && names.length > 3;
          return SliceIdentifier.of(internalOfAStep ? names[3] : names[2]);
        }

        @Override
        public String getDescription() {
          return "the steps under io.patchbay, each with its part of io.patchbay.internal";
        }
      };

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.patchbay");
  }

  @Test
  void coreKnowsNoTransportAndNoNetworkingApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..", "javax.net..", "io.patchbay.transport..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.Socket")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.ServerSocket")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.DatagramSocket")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.URLConnection")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.HttpURLConnection")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.URL")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.nio.channels.SocketChannel")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.nio.channels.DatagramChannel")
        .check(core);
  }

  @Test
  void stepsAreLayeredFromModelUpToTheOrchestratorAndCampaigns() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Campaign")
        .definedBy("io.patchbay.campaign..")
        .layer("Update")
        .definedBy("io.patchbay.update..")
        .layer("Device")
        .definedBy("io.patchbay.device..", "io.patchbay.internal.device..")
        .layer("Trust")
        .definedBy("io.patchbay.trust..")
        .layer("Spi")
        .definedBy("io.patchbay.spi..")
        .layer("Report")
        .definedBy("io.patchbay.report..")
        .layer("Transfer")
        .definedBy("io.patchbay.transfer..")
        .layer("Fetch")
        .definedBy("io.patchbay.fetch..", "io.patchbay.internal.fetch..")
        .layer("Catalog")
        .definedBy("io.patchbay.catalog..")
        .layer("Interrogate")
        .definedBy("io.patchbay.interrogate..")
        .layer("Plan")
        .definedBy("io.patchbay.plan..")
        .layer("Format")
        .definedBy("io.patchbay.format..")
        .layer("Model")
        .definedBy("io.patchbay.model..")
        .layer("Version")
        .definedBy("io.patchbay.version..")
        .whereLayer("Campaign")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Update")
        .mayOnlyBeAccessedByLayers("Campaign")
        .whereLayer("Device")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Trust")
        .mayOnlyBeAccessedByLayers("Device")
        .whereLayer("Spi")
        .mayOnlyBeAccessedByLayers("Update")
        .whereLayer("Report")
        .mayOnlyBeAccessedByLayers("Update", "Campaign")
        .whereLayer("Transfer")
        .mayOnlyBeAccessedByLayers("Spi", "Update")
        .whereLayer("Fetch")
        .mayOnlyBeAccessedByLayers("Transfer", "Spi", "Update", "Device", "Trust")
        .whereLayer("Catalog")
        .mayOnlyBeAccessedByLayers("Fetch", "Spi", "Update", "Trust")
        .whereLayer("Interrogate")
        .mayOnlyBeAccessedByLayers("Spi", "Update")
        .whereLayer("Plan")
        .mayOnlyBeAccessedByLayers("Report", "Update")
        .whereLayer("Format")
        .mayOnlyBeAccessedByLayers("Device", "Trust")
        .whereLayer("Version")
        .mayOnlyBeAccessedByLayers("Model", "Plan", "Format", "Update")
        .check(core);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().assignedFrom(STEPS).should().beFreeOfCycles().check(core);
  }

  @Test
  void plannerDoesNoIoAndReadsNoClock() {
    noClasses()
        .that()
        .resideInAPackage("io.patchbay.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.util.concurrent..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Instant")
        .check(core);
  }

  @Test
  void loggingGoesThroughSlf4jOnly() {
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(core);
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(core);
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.log4j..",
            "org.apache.logging..",
            "org.apache.commons.logging..",
            "ch.qos.logback..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.System$Logger")
        .check(core);
  }

  @Test
  void exceptionsAreTypedUnderPatchbayException() {
    noClasses()
        .that()
        .resideInAPackage("io.patchbay..")
        .and()
        .areAssignableTo(RuntimeException.class)
        .and()
        .arePublic()
        .should()
        .notBeAssignableTo(io.patchbay.PatchbayException.class)
        .check(core);
  }

  @Test
  void jsonIsConfiguredOnlyByTheSharedFactory() {
    JsonRules.ONLY_THE_SHARED_FACTORY_CONFIGURES_JSON.check(core);
  }

  @Test
  void everyPublicTypeAndMemberIsDocumented(@TempDir Path classes) throws Exception {
    assertThat(ApiDocumentation.undocumented(Path.of("src/main/java"), classes)).isEmpty();
  }
}
