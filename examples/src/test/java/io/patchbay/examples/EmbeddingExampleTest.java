package io.patchbay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.model.Client;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.FakeTransport;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.trust.Ed25519Keys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {

  private static final KeyPair OPERATOR = Ed25519Keys.generate();

  @TempDir Path state;

  private static FleetReport update(
      FakeFleet fleet, InMemoryCatalog headEnd, Path state, Client... clients) throws IOException {
    return EmbeddingExample.updateFleet(
        Transports.of(new FakeTransport(fleet, headEnd)),
        URI.create("fake://head-end/catalog.json"),
        List.of(OPERATOR.getPublic()),
        "acme-prod",
        state,
        List.of(clients));
  }

  @Test
  void readmeExampleUpdatesAFleetFromASignedCatalogAndHonoursItsHeldFile() throws IOException {
    FakeFleet fleet = new FakeFleet();
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder()
            .signedWith(OPERATOR)
            .repository("acme-prod")
            .expires(Instant.now().plus(Duration.ofDays(1)))
            .file("bin/player", "2.0.0")
            .file("etc/operator.conf", "9.0.0")
            .build();
    Client stb =
        fleet
            .add("stb-0001")
            .holding("bin/player", "1.0.0")
            .holding("etc/operator.conf", "1.0.0")
            .client();
    Client cpe = fleet.add("cpe-0002").client();

    FleetReport report = update(fleet, headEnd, state, stb, cpe);

    assertThat(report.succeeded()).isTrue();
    assertThat(fleet.device("stb-0001").version("bin/player")).isEqualTo("2.0.0");
    assertThat(fleet.device("stb-0001").version("etc/operator.conf")).isEqualTo("1.0.0");
    assertThat(fleet.device("cpe-0002").version("bin/player")).isEqualTo("2.0.0");
    assertThat(fleet.device("cpe-0002").version("etc/operator.conf")).isNull();
  }

  @Test
  void readmeExampleRefusesACatalogTheOperatorDidNotSignAndUpdatesNoClient() throws IOException {
    FakeFleet fleet = new FakeFleet();
    InMemoryCatalog unsigned =
        InMemoryCatalog.builder()
            .repository("acme-prod")
            .expires(Instant.now().plus(Duration.ofDays(1)))
            .file("bin/player", "2.0.0")
            .build();
    Client stb = fleet.add("stb-0001").holding("bin/player", "1.0.0").client();

    FleetReport report = update(fleet, unsigned, state, stb);

    assertThat(report.succeeded()).isFalse();
    assertThat(report.failures())
        .singleElement()
        .satisfies(failed -> assertThat(failed.failedStep()).isEqualTo(Step.CATALOG));
    assertThat(fleet.device("stb-0001").version("bin/player")).isEqualTo("1.0.0");
  }

  @Test
  void readmeShowsExactlyTheCompiledExample() throws IOException {
    String example =
        DocSnippets.between(
            Path.of("src/main/java/io/patchbay/examples/EmbeddingExample.java"), "README");

    assertThat(Files.readString(Path.of("../README.md"))).contains(example);
  }
}
