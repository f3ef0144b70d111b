package io.patchbay.campaign;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The campaign-state seam keeps databases out of core: a store in a database is a module of its own
 * ({@code patchbay-campaign-postgres}), and core's classes know neither JDBC nor a driver.
 */
class CampaignStateArchitectureTest {

  @Test
  void coreKnowsNoDatabaseApiAndNoDriver() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.patchbay"));
  }
}
