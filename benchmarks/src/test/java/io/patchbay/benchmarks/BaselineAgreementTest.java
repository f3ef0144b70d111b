package io.patchbay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.Manifest;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.Planner;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.version.VersionSchemes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmarks compare like with like: every side plans the fixture, file for file, alike. */
class BaselineAgreementTest {

  private static final int SIZE = 2_000;

  @ParameterizedTest
  @EnumSource(ChangeRate.class)
  void plannerPlansWhatTheFixtureSays(ChangeRate changes) {
    for (ClientOrder order : ClientOrder.values()) {
      PlanFixture fixture = PlanFixture.generate(SIZE, changes, order, PlanFixture.SEED);

      UpdatePlan plan = plan(fixture);

      assertThat(plan.countByAction()).isEqualTo(fixture.expectedActions());
      assertThat(plan.transfers()).hasSize(fixture.expectedTransfers());
    }
  }

  @ParameterizedTest
  @EnumSource(ChangeRate.class)
  void documentsReadBackToTheFixture(ChangeRate changes) throws IOException {
    PlanFixture fixture =
        PlanFixture.generate(SIZE, changes, ClientOrder.SHUFFLED, PlanFixture.SEED);

    Manifest manifest = ManifestJson.read(new ByteArrayInputStream(fixture.manifestJson()));
    Catalog catalog = CatalogJson.read(new ByteArrayInputStream(fixture.catalogJson()));

    assertThat(manifest).isEqualTo(fixture.manifest());
    assertThat(catalog).isEqualTo(fixture.catalog());
  }

  @ParameterizedTest
  @EnumSource(ChangeRate.class)
  void bothBaselinesDecideLikeThePlannerFileForFile(ChangeRate changes) throws IOException {
    PlanFixture fixture =
        PlanFixture.generate(SIZE, changes, ClientOrder.SHUFFLED, PlanFixture.SEED);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode manifest = mapper.readTree(fixture.manifestJson());
    JsonNode catalog = mapper.readTree(fixture.catalogJson());
    List<String> ours =
        plan(fixture).files().stream().map(BaselineAgreementTest::describe).toList();

    List<String> naive =
        NaiveBaseline.planWithListScans(manifest, catalog).stream()
            .map(BaselineAgreementTest::describe)
            .toList();
    List<String> indexed =
        NaiveBaseline.planWithIndex(manifest, catalog).stream()
            .map(BaselineAgreementTest::describe)
            .toList();

    assertThat(naive).isEqualTo(ours);
    assertThat(indexed).isEqualTo(ours);
  }

  @ParameterizedTest
  @EnumSource(ChangeRate.class)
  void fixtureIsTheSameForTheSameSeed(ChangeRate changes) {
    PlanFixture first = PlanFixture.generate(SIZE, changes, ClientOrder.SHUFFLED, PlanFixture.SEED);
    PlanFixture second =
        PlanFixture.generate(SIZE, changes, ClientOrder.SHUFFLED, PlanFixture.SEED);

    assertThat(second.manifestJson()).isEqualTo(first.manifestJson());
    assertThat(second.catalogJson()).isEqualTo(first.catalogJson());
  }

  private static UpdatePlan plan(PlanFixture fixture) {
    return Planner.plan(
        fixture.client(),
        fixture.manifest(),
        fixture.catalog(),
        VersionSchemes.defaults(),
        UpdatePolicy.defaults());
  }

  private static String describe(PlannedFile file) {
    return file.name()
        + " "
        + file.action()
        + " "
        + file.currentVersion()
        + " -> "
        + file.centralVersion();
  }

  private static String describe(NaiveBaseline.Decision decision) {
    return decision.name()
        + " "
        + decision.action()
        + " "
        + decision.currentVersion()
        + " -> "
        + decision.centralVersion();
  }
}
