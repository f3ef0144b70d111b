package io.patchbay.behaviour.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.fetch.ArtifactCache;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.testkit.FakeDevice;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.trust.CatalogSignatureException;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.TrustException;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.trust.TrustedCatalog;
import io.patchbay.update.UnsignedCatalogException;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator behind a {@link TrustedCatalog}: only an accepted catalog reaches a client. */
class TrustedUpdateTest {

  private static final KeyPair OPERATOR = Ed25519Keys.generate();
  private static final KeyPair STRANGER = Ed25519Keys.generate();
  private static final URI CATALOG = URI.create("memory:catalog.json");

  @TempDir Path cache;

  private final FakeFleet fleet = new FakeFleet();
  private final CatalogVerifier verifier =
      CatalogVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), "testkit").build();

  private static InMemoryCatalog.Builder headEnd() {
    return InMemoryCatalog.builder()
        .expires(Instant.now().plusSeconds(3600))
        .file("bin/player", "2.0.0", "player 2.0.0 bytes".getBytes(StandardCharsets.UTF_8));
  }

  private FleetReport update(InMemoryCatalog headEnd, ArtifactCache store) {
    return UpdateOrchestrator.builder()
        .catalog(verifier.guard(CATALOG, headEnd))
        .interrogator(fleet)
        .transferer(fleet)
        .artifactStore(store)
        .build()
        .updateAll(fleet.clients());
  }

  @Test
  void aCatalogSignedByTheOperatorUpdatesTheFleet() throws IOException {
    FakeDevice stb = fleet.add("stb-1").holding("bin/player", "1.0.0");

    FleetReport report =
        update(headEnd().signedWith(OPERATOR).build(), ArtifactCache.open(cache, 1 << 20));

    assertThat(report.succeeded()).isTrue();
    assertThat(stb.version("bin/player")).isEqualTo("2.0.0");
  }

  @Test
  void anUnsignedCatalogIsRefusedUnlessAllowedAndTouchesNoClient() throws IOException {
    FakeDevice stb = fleet.add("stb-1").holding("bin/player", "1.0.0");
    InMemoryCatalog headEnd = headEnd().build();
    UpdateOrchestrator.Builder gateway =
        UpdateOrchestrator.builder().catalog(headEnd).interrogator(fleet).transferer(fleet);

    FleetReport refused = gateway.build().updateAll(fleet.clients());

    assertThat(refused.clients().get(0).failedStep()).isEqualTo(Step.CATALOG);
    assertThat(refused.clients().get(0).error()).isInstanceOf(UnsignedCatalogException.class);
    assertThat(stb.interrogationCount()).isZero();
    assertThat(stb.version("bin/player")).isEqualTo("1.0.0");

    FleetReport allowed = gateway.allowUnsigned().build().updateAll(fleet.clients());

    assertThat(allowed.succeeded()).isTrue();
    assertThat(stb.version("bin/player")).isEqualTo("2.0.0");
  }

  @Test
  void aRejectedCatalogTouchesNoClient() throws IOException {
    FakeDevice first = fleet.add("stb-1").holding("bin/player", "1.0.0");
    FakeDevice second = fleet.add("stb-2").holding("bin/player", "1.0.0");
    InMemoryCatalog headEnd = headEnd().signedWith(STRANGER).build();

    FleetReport report = update(headEnd, ArtifactCache.open(cache, 1 << 20));

    assertThat(report.clients())
        .allSatisfy(
            client -> {
              assertThat(client.failedStep()).isEqualTo(Step.CATALOG);
              assertThat(client.error())
                  .isInstanceOfSatisfying(
                      CatalogSignatureException.class,
                      e -> assertThat(e.refusal()).isEqualTo(TrustException.Refusal.UNKNOWN_KEYS));
            });
    assertThat(first.interrogationCount() + second.interrogationCount()).isZero();
    assertThat(first.received()).isEmpty();
    assertThat(headEnd.openCount("bin/player")).isZero();
  }

  @Test
  void aTamperedArtifactUnderASignedCatalogIsNeverTransferredNorCached() throws IOException {
    FakeDevice stb = fleet.add("stb-1").holding("bin/player", "1.0.0");
    InMemoryCatalog headEnd = headEnd().signedWith(OPERATOR).build();
    headEnd.serve("bin/player", "player 6.6.6 bytes".getBytes(StandardCharsets.UTF_8));
    ArtifactCache store = ArtifactCache.open(cache, 1 << 20);

    FleetReport report = update(headEnd, store);

    UpdateReport client = report.clients().get(0);
    assertThat(client.succeeded()).isFalse();
    assertThat(client.files().get(0).failedStep()).isEqualTo(Step.FETCH);
    assertThat(stb.received()).isEmpty();
    assertThat(stb.version("bin/player")).isEqualTo("1.0.0");
    assertThat(store.contains(headEnd.entry("bin/player").sha256())).isFalse();
  }
}
