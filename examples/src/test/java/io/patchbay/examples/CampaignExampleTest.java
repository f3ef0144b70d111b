package io.patchbay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.FakeTransport;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ManualClock;
import io.patchbay.trust.Ed25519Keys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignExampleTest {

  @TempDir Path directory;

  @Test
  void docsExampleRollsOutInWavesAndWaitsForTheLivingRoomsWindow() throws Exception {
    FakeFleet fleet = new FakeFleet();
    KeyPair operator = Ed25519Keys.generate();
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder()
            .signedWith(operator)
            .repository("acme-prod")
            .expires(Instant.parse("2026-12-01T00:00:00Z"))
            .file("bin/player", "2.0.0")
            .build();
    StringBuilder csv = new StringBuilder("id,endpoint,group,model\n");
    for (int i = 0; i < 20; i++) {
      String id = "stb-" + i;
      fleet.add(id).holding("bin/player", "1.0.0");
      csv.append(id)
          .append(",fake://")
          .append(id)
          .append(',')
          .append(i % 2 == 0 ? "living-rooms" : "shops")
          .append(",X1\n");
    }
    Path clients = Files.writeString(directory.resolve("clients.csv"), csv);
    ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));

    CampaignReport report =
        CampaignExample.rollOut(
            Transports.of(new FakeTransport(fleet, headEnd)),
            URI.create("fake://head-end/catalog.json"),
            List.of(operator.getPublic()),
            "acme-prod",
            clients,
            directory.resolve("state"),
            clock,
            clock.sleeper());

    assertThat(report.state()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(report.count(ClientOutcome.Status.UPDATED)).isEqualTo(20);
    assertThat(report.waves())
        .extracting(io.patchbay.campaign.WaveReport::size)
        .containsExactly(5, 15);
    assertThat(clock.instant())
        .as("the living rooms waited for 02:00 in Paris")
        .isAfterOrEqualTo(Instant.parse("2026-11-24T01:00:00Z"));
    assertThat(Files.exists(directory.resolve("state").resolve("campaign.journal"))).isTrue();
  }

  @Test
  void docsShowExactlyTheCompiledExample() throws IOException {
    String example =
        DocSnippets.between(
            Path.of("src/main/java/io/patchbay/examples/CampaignExample.java"), "DOC");

    assertThat(Files.readString(Path.of("../docs/campaigns.md"))).contains(example);
  }
}
