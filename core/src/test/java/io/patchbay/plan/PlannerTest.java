package io.patchbay.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.model.Targeting;
import io.patchbay.version.UnknownVersionSchemeException;
import io.patchbay.version.VersionComparator;
import io.patchbay.version.VersionSchemes;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final Sha256 DIGEST = Sha256.parse("ab".repeat(32));
  private static final Sha256 OTHER_DIGEST = Sha256.parse("cd".repeat(32));
  private static final Client STB =
      Client.of("stb-1", "http://10.0.0.7:8080")
          .withAttribute(Client.MODEL, "STB-100")
          .withAttribute(Client.HARDWARE_REVISION, "B");

  private static CatalogEntry central(String name, String version) {
    return CatalogEntry.of(name, version, DIGEST, 10, URI.create("artifacts/" + name));
  }

  private static CatalogEntry central(
      String name, String version, String scheme, Targeting targeting) {
    return new CatalogEntry(
        name, version, DIGEST, 10, URI.create("artifacts/" + name), scheme, targeting);
  }

  private static UpdatePlan plan(Manifest current, Catalog catalog, UpdatePolicy policy) {
    return Planner.plan(STB, current, catalog, VersionSchemes.defaults(), policy);
  }

  private static PlannedFile only(UpdatePlan plan, String name) {
    return plan.files().stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void newerCentralVersionIsAnUpdateWithBothVersions() {
    UpdatePlan plan =
        plan(
            Manifest.of(FileEntry.of("bin/player", "1.2.0")),
            Catalog.of(1, central("bin/player", "1.10.0")),
            UpdatePolicy.defaults());

    PlannedFile file = only(plan, "bin/player");
    assertThat(file.action()).isEqualTo(Action.UPDATE);
    assertThat(file.currentVersion()).isEqualTo("1.2.0");
    assertThat(file.centralVersion()).isEqualTo("1.10.0");
    assertThat(file.target().name()).isEqualTo("bin/player");
    assertThat(plan.clientId()).isEqualTo("stb-1");
  }

  @Test
  void plansOfOneCatalogShareItsEntriesSoThatAFleetsReportsHoldOneCopyOfEach() {
    Catalog catalog =
        Catalog.of(1, central("bin/player", "2.0.0"), central("lib/codec.so", "1.1.0"));
    UpdatePlan first =
        plan(Manifest.of(FileEntry.of("bin/player", "1.0.0")), catalog, UpdatePolicy.defaults());
    UpdatePlan second =
        plan(Manifest.of(FileEntry.of("lib/codec.so", "1.0.0")), catalog, UpdatePolicy.defaults());

    for (String name : List.of("bin/player", "lib/codec.so")) {
      PlannedFile inFirst = only(first, name);
      PlannedFile inSecond = only(second, name);
      assertThat(inFirst.target()).isSameAs(inSecond.target()).isSameAs(only(first, name).target());
      assertThat(inFirst.name()).isSameAs(inSecond.name());
      assertThat(inFirst.centralVersion()).isSameAs(inSecond.centralVersion());
    }
    assertThat(only(first, "bin/player").target()).isEqualTo(catalog.find("bin/player").get());
    PlannedFile upToDate =
        only(
            plan(
                Manifest.of(FileEntry.of("lib/codec.so", "1.1.0")),
                catalog,
                UpdatePolicy.defaults()),
            "lib/codec.so");
    assertThat(upToDate.action()).isEqualTo(Action.UP_TO_DATE);
    assertThat(upToDate.currentVersion()).isSameAs(upToDate.centralVersion());
    assertThat(only(first, "bin/player").currentVersion()).isEqualTo("1.0.0");
  }

  @Test
  void theClientsOrderDoesNotChangeTheDecisions() {
    List<CatalogEntry> central = new ArrayList<>();
    List<FileEntry> held = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      central.add(central("lib/" + i, "2." + i + ".0"));
      if (i % 7 != 0) {
        held.add(FileEntry.of("lib/" + i, (i % 3 == 0 ? "1." : "2.") + i + ".0"));
      }
      if (i % 50 == 0) {
        held.add(FileEntry.of("local/" + i, "1.0.0"));
      }
    }
    Catalog catalog = Catalog.of(1, null, null, central);
    UpdatePlan inCatalogOrder = plan(Manifest.of(held), catalog, UpdatePolicy.defaults());

    List<FileEntry> reversed = new ArrayList<>(held);
    Collections.reverse(reversed);
    List<FileEntry> shuffled = new ArrayList<>(held);
    Collections.shuffle(shuffled, new Random(7));
    for (List<FileEntry> order : List.of(reversed, shuffled)) {
      UpdatePlan plan = plan(Manifest.of(order), catalog, UpdatePolicy.defaults());
      assertThat(Set.copyOf(plan.files())).isEqualTo(Set.copyOf(inCatalogOrder.files()));
    }
    assertThat(inCatalogOrder.countByAction())
        .containsEntry(Action.UPDATE, 57)
        .containsEntry(Action.UP_TO_DATE, 114)
        .containsEntry(Action.INSTALL, 29)
        .containsEntry(Action.NOT_IN_CATALOG, 4);
  }

  @Test
  void identicalVersionsWithoutAReportedDigestAreUpToDate() {
    UpdatePlan plan =
        plan(
            Manifest.of(FileEntry.of("bin/player", "2.0.0")),
            Catalog.of(1, central("bin/player", "2.0.0")),
            UpdatePolicy.defaults());

    assertThat(only(plan, "bin/player").action()).isEqualTo(Action.UP_TO_DATE);
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void versionsOfEqualPrecedenceAreUpToDate() {
    UpdatePlan plan =
        plan(
            Manifest.of(FileEntry.of("bin/player", "2.0.0+build.7")),
            Catalog.of(1, central("bin/player", "2.0.0+build.9")),
            UpdatePolicy.defaults());

    assertThat(only(plan, "bin/player").action()).isEqualTo(Action.UP_TO_DATE);
  }

  @Test
  void missingFileIsInstalledByDefault() {
    UpdatePlan plan =
        plan(
            Manifest.empty(),
            Catalog.of(1, central("fw/tuner.bin", "1.0.0")),
            UpdatePolicy.defaults());

    PlannedFile file = only(plan, "fw/tuner.bin");
    assertThat(file.action()).isEqualTo(Action.INSTALL);
    assertThat(file.currentVersion()).isNull();
  }

  @Test
  void missingFileIsLeftAloneWhenPolicyDoesNotInstall() {
    UpdatePlan plan =
        plan(
            Manifest.empty(),
            Catalog.of(1, central("fw/tuner.bin", "1.0.0")),
            UpdatePolicy.defaults().withInstallMissing(false));

    assertThat(only(plan, "fw/tuner.bin").action()).isEqualTo(Action.NOT_INSTALLED);
    assertThat(plan.transfers()).isEmpty();
  }

  @Test
  void aClientVersionTheCatalogNeverPublishedIsAnAnomalyLeftAloneWhenDowngradesAreForbidden() {
    Manifest current = Manifest.of(FileEntry.of("bin/player", "3.0.0"));
    Catalog catalog = Catalog.of(1, central("bin/player", "2.0.0"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults());

    PlannedFile file = only(plan, "bin/player");
    assertThat(file.action()).isEqualTo(Action.ANOMALY);
    assertThat(file.currentVersion()).isEqualTo("3.0.0");
    assertThat(file.centralVersion()).isEqualTo("2.0.0");
    assertThat(plan.transfers()).isEmpty();
    assertThat(plan.anomalies()).containsExactly(file);
  }

  @Test
  void aNewerClientVersionIsDowngradedWhenThePolicyAllows() {
    Manifest current = Manifest.of(FileEntry.of("bin/player", "3.0.0"));
    Catalog catalog = Catalog.of(1, central("bin/player", "2.0.0"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults().withAllowDowngrade(true));

    assertThat(only(plan, "bin/player").action()).isEqualTo(Action.DOWNGRADE);
    assertThat(plan.transfers()).extracting(PlannedFile::name).containsExactly("bin/player");
    assertThat(plan.anomalies()).isEmpty();
  }

  @Test
  void theCatalogsVersionWithAnotherDigestIsDriftRepairedByDefault() {
    Manifest current = Manifest.of(new FileEntry("bin/player", "2.0.0", OTHER_DIGEST, 10));
    Catalog catalog = Catalog.of(1, central("bin/player", "2.0.0"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults());

    PlannedFile file = only(plan, "bin/player");
    assertThat(file.action()).isEqualTo(Action.DRIFTED);
    assertThat(file.target().sha256()).isEqualTo(DIGEST);
    assertThat(plan.transfers()).containsExactly(file);
  }

  @Test
  void driftIsOnlyReportedWhenThePolicySaysSo() {
    Manifest current = Manifest.of(new FileEntry("bin/player", "2.0.0", OTHER_DIGEST, 10));
    Catalog catalog = Catalog.of(1, central("bin/player", "2.0.0"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults().withRepairDrift(false));

    PlannedFile file = only(plan, "bin/player");
    assertThat(file.action()).isEqualTo(Action.DRIFT_REPORTED);
    assertThat(file.reason()).contains("digest");
    assertThat(plan.transfers()).isEmpty();
  }

  @Test
  void versionsThatLookLikeSemVerAreJudgedByTheirOwnSchemeForDriftAndOrder() {
    // Under the debian scheme the SemVer keys of "2.0.0" and "2.0.0-1" do not decide: the
    // comparator does, and the same string is still the same version.
    Manifest current =
        Manifest.of(
            new FileEntry("bin/player", "2.0.0", OTHER_DIGEST, 10),
            new FileEntry("lib/libdvb.so", "2.0.0", DIGEST, 10));
    Catalog catalog =
        Catalog.of(
            1,
            null,
            "debian",
            List.of(central("bin/player", "2.0.0"), central("lib/libdvb.so", "2.0.0-1")));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults());

    assertThat(only(plan, "bin/player").action()).isEqualTo(Action.DRIFTED);
    assertThat(only(plan, "lib/libdvb.so").action()).isEqualTo(Action.UPDATE);
  }

  @Test
  void theCatalogsVersionAndDigestAreUpToDate() {
    UpdatePlan plan =
        plan(
            Manifest.of(new FileEntry("bin/player", "2.0.0", DIGEST, 10)),
            Catalog.of(1, central("bin/player", "2.0.0")),
            UpdatePolicy.defaults());

    assertThat(only(plan, "bin/player").action()).isEqualTo(Action.UP_TO_DATE);
  }

  @Test
  void versionsOfEqualPrecedenceButOtherStringsAreNotJudgedForDrift() {
    // Another build of the same release has other bytes by nature: that is not drift.
    UpdatePlan plan =
        plan(
            Manifest.of(new FileEntry("bin/player", "2.0.0+build.7", OTHER_DIGEST, 10)),
            Catalog.of(1, central("bin/player", "2.0.0+build.9")),
            UpdatePolicy.defaults());

    assertThat(only(plan, "bin/player").action()).isEqualTo(Action.UP_TO_DATE);
  }

  @Test
  void aHeldFileIsNotJudgedForDrift() {
    UpdatePlan plan =
        plan(
            Manifest.of(new FileEntry("etc/operator.conf", "2.0.0", OTHER_DIGEST, 10)),
            Catalog.of(1, central("etc/operator.conf", "2.0.0")),
            UpdatePolicy.defaults().withHeld(Set.of("etc/operator.conf")));

    assertThat(only(plan, "etc/operator.conf").action()).isEqualTo(Action.HELD);
  }

  @Test
  void heldFilesAreNeverTransferred() {
    UpdatePlan plan =
        plan(
            Manifest.of(FileEntry.of("bin/player", "1.0.0")),
            Catalog.of(1, central("bin/player", "2.0.0"), central("fw/tuner.bin", "1.0.0")),
            UpdatePolicy.defaults().withHeld(Set.of("bin/player", "fw/tuner.bin")));

    assertThat(plan.files()).extracting(PlannedFile::action).containsOnly(Action.HELD);
    assertThat(only(plan, "bin/player").currentVersion()).isEqualTo("1.0.0");
  }

  @Test
  void entriesTargetedAtOtherModelsAreNotTargeted() {
    Targeting otherModel = new Targeting(Map.of(Client.MODEL, Set.of("STB-200")));
    Targeting thisModelAndRevision =
        new Targeting(
            Map.of(
                Client.MODEL, Set.of("STB-100", "STB-200"), Client.HARDWARE_REVISION, Set.of("B")));
    Catalog catalog =
        Catalog.of(
            1,
            central("fw/other.bin", "2.0.0", null, otherModel),
            central("fw/mine.bin", "2.0.0", null, thisModelAndRevision));

    UpdatePlan plan =
        plan(Manifest.of(FileEntry.of("fw/other.bin", "1.0.0")), catalog, UpdatePolicy.defaults());

    assertThat(only(plan, "fw/other.bin").action()).isEqualTo(Action.NOT_TARGETED);
    assertThat(only(plan, "fw/mine.bin").action()).isEqualTo(Action.INSTALL);
  }

  @Test
  void targetingRequiresTheClientToHaveTheAttribute() {
    Targeting revisionC = new Targeting(Map.of(Client.HARDWARE_REVISION, Set.of("C")));
    Client bare = Client.of("bare", "http://10.0.0.8");

    UpdatePlan plan =
        Planner.plan(
            bare,
            Manifest.empty(),
            Catalog.of(1, central("fw/c.bin", "1.0.0", null, revisionC)),
            VersionSchemes.defaults(),
            UpdatePolicy.defaults());

    assertThat(only(plan, "fw/c.bin").action()).isEqualTo(Action.NOT_TARGETED);
  }

  @Test
  void filesOnlyTheClientHoldsAreNotInCatalogAndComeLast() {
    UpdatePlan plan =
        plan(
            Manifest.of(FileEntry.of("etc/local.conf", "7"), FileEntry.of("bin/player", "1.0.0")),
            Catalog.of(1, central("bin/player", "1.0.0")),
            UpdatePolicy.defaults());

    assertThat(plan.files())
        .extracting(PlannedFile::name)
        .containsExactly("bin/player", "etc/local.conf");
    PlannedFile local = only(plan, "etc/local.conf");
    assertThat(local.action()).isEqualTo(Action.NOT_IN_CATALOG);
    assertThat(local.centralVersion()).isNull();
    assertThat(local.target()).isNull();
  }

  @Test
  void perEntrySchemeOverridesTheCatalogScheme() {
    // In semver "1.0.0-1" is a pre-release, older than "1.0.0"; in Debian it is revision 1, newer.
    Catalog catalog =
        Catalog.of(
            1, null, "semver", List.of(central("lib/libc.so", "1.0.0", "debian", Targeting.ANY)));

    UpdatePlan plan =
        plan(Manifest.of(FileEntry.of("lib/libc.so", "1.0.0-1")), catalog, UpdatePolicy.defaults());

    assertThat(only(plan, "lib/libc.so").action()).isEqualTo(Action.ANOMALY);
  }

  @Test
  void invalidClientVersionFailsOnlyThatFileAndNamesIt() {
    UpdatePlan plan =
        plan(
            Manifest.of(FileEntry.of("bin/player", "v1.x"), FileEntry.of("bin/ui", "1.0.0")),
            Catalog.of(1, central("bin/player", "2.0.0"), central("bin/ui", "1.1.0")),
            UpdatePolicy.defaults());

    PlannedFile player = only(plan, "bin/player");
    assertThat(player.action()).isEqualTo(Action.INVALID_VERSION);
    assertThat(player.reason()).contains("bin/player").contains("v1.x").contains("semver");
    assertThat(only(plan, "bin/ui").action()).isEqualTo(Action.UPDATE);
  }

  @Test
  void unknownSchemeIsATypedErrorListingTheKnownOnes() {
    Catalog catalog = Catalog.of(1, null, "calver", List.of(central("bin/player", "2.0.0")));
    Manifest current = Manifest.of(FileEntry.of("bin/player", "1.0.0"));

    assertThatThrownBy(() -> plan(current, catalog, UpdatePolicy.defaults()))
        .isInstanceOf(UnknownVersionSchemeException.class)
        .hasMessageContaining("calver")
        .hasMessageContaining("semver");
  }

  @Test
  void planListsCatalogFilesInCatalogOrderAndCountsActions() {
    Catalog catalog =
        Catalog.of(1, central("c", "1.0.0"), central("a", "2.0.0"), central("b", "1.0.0"));
    Manifest current = Manifest.of(FileEntry.of("a", "1.0.0"), FileEntry.of("b", "1.0.0"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults());

    assertThat(plan.files()).extracting(PlannedFile::name).containsExactly("c", "a", "b");
    assertThat(plan.transfers()).extracting(PlannedFile::name).containsExactly("c", "a");
    assertThat(plan.countByAction())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Action.INSTALL, 1, Action.UPDATE, 1, Action.UP_TO_DATE, 1));
  }

  @Test
  void planningIsPureTheSameInputsGiveEqualPlans() {
    Catalog catalog = Catalog.of(1, central("a", "2.0.0"), central("b", "1.0.0"));
    Manifest current = Manifest.of(FileEntry.of("a", "1.0.0"));

    assertThat(plan(current, catalog, UpdatePolicy.defaults()))
        .isEqualTo(plan(current, catalog, UpdatePolicy.defaults()));
  }

  @Test
  void preReleasesOfTheSameReleaseAreOrderedByTheirIdentifiers() {
    Catalog catalog =
        Catalog.of(
            1,
            central("a", "1.0.0-rc.10"),
            central("b", "1.0.0-rc.2"),
            central("c", "1.0.0-rc.2"),
            central("d", "1.0.0"));
    Manifest current =
        Manifest.of(
            FileEntry.of("a", "1.0.0-rc.2"),
            FileEntry.of("b", "1.0.0-rc.10"),
            new FileEntry("c", "1.0.0-rc.2", OTHER_DIGEST, 10),
            FileEntry.of("d", "1.0.0-rc.10"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults());

    assertThat(plan.files())
        .extracting(PlannedFile::action)
        .containsExactly(Action.UPDATE, Action.ANOMALY, Action.DRIFTED, Action.UPDATE);
  }

  @Test
  void aComparatorRegisteredForSemverDecidesInsteadOfTheBuiltInKeys() {
    VersionComparator newestFirst =
        new VersionComparator() {
          @Override
          public String scheme() {
            return "semver";
          }

          @Override
          public int compare(String a, String b) {
            return VersionComparator.semver().compare(b, a);
          }

          @Override
          public void validate(String version) {
            VersionComparator.semver().validate(version);
          }
        };

    UpdatePlan plan =
        Planner.plan(
            STB,
            Manifest.of(FileEntry.of("a", "1.0.0")),
            Catalog.of(1, central("a", "2.0.0")),
            VersionSchemes.defaults().with(newestFirst),
            UpdatePolicy.defaults());

    assertThat(only(plan, "a").action()).isEqualTo(Action.ANOMALY);
  }

  @Test
  void aPlanEqualsItsFilesCopiedAndCountsThemAlike() {
    Catalog catalog =
        Catalog.of(1, central("a", "2.0.0"), central("b", "1.0.0"), central("c", "1.0.0"));
    Manifest current =
        Manifest.of(
            FileEntry.of("x", "1.0.0"),
            FileEntry.of("a", "1.0.0"),
            FileEntry.of("c", "1.0.0"),
            FileEntry.of("y", "3.0.0"));

    UpdatePlan plan = plan(current, catalog, UpdatePolicy.defaults());
    UpdatePlan copied = new UpdatePlan(plan.clientId(), new ArrayList<>(plan.files()));

    assertThat(copied).isEqualTo(plan).hasSameHashCodeAs(plan);
    assertThat(copied.countByAction()).isEqualTo(plan.countByAction());
    assertThat(plan.files()).extracting(PlannedFile::name).containsExactly("a", "b", "c", "x", "y");
    assertThat(plan.files().get(3))
        .isEqualTo(
            new PlannedFile(
                "x", Action.NOT_IN_CATALOG, "1.0.0", null, null, "catalog does not list the file"));
  }
}
