package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.campaign.BandwidthBudget;
import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FileOutcome.Status;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.Sleeper;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimum rate on every body, against peers on loopback that trickle a byte a second: a
 * no-progress timeout alone never fires for them. Most tests use a 2 s window to stay fast; one
 * runs the default of 1 KiB/s over 30 s.
 */
@Timeout(
    value = 3,
    unit = java.util.concurrent.TimeUnit.MINUTES,
    threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MinimumRateTest {

  private static final Duration WINDOW = Duration.ofSeconds(2);

  @TempDir Path home;

  /** A quick window, and retries that would show if a trickle were retried or resumed. */
  private final HttpTransport transport =
      new HttpTransport(
          HttpTransportConfig.builder()
              .minimumRate(1024, WINDOW)
              .retry(
                  RetryPolicy.builder()
                      .maxAttempts(4)
                      .initialBackoff(Duration.ofMillis(10))
                      .maxBackoff(Duration.ofMillis(50))
                      .maxRetryAfter(Duration.ofSeconds(1))
                      .build())
              .build());

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static Artifact artifact(String name, byte[] content) {
    return new BytesArtifact(entry(name, content, URI.create("x")), content);
  }

  private static CatalogEntry entry(String name, byte[] content, URI location) {
    return CatalogEntry.of(
        name, "2.0.0", InMemoryCatalog.sha256(content), content.length, location);
  }

  @Test
  void deviceThatTricklesItsManifestFailsBelowTheMinimumRateAndIsNotAskedAgain() throws Exception {
    try (TricklingPeer device = TricklingPeer.answering("200 OK", "application/json", 100_000)) {
      URI manifest = device.uri("/patchbay/v1/manifest");

      assertThatThrownBy(
              () -> transport.interrogator().interrogate(Client.of("trickler", device.uri(""))))
          .isInstanceOfSatisfying(
              BelowMinimumRateException.class,
              e -> {
                assertThat(e.method()).isEqualTo("GET");
                assertThat(e.uri()).isEqualTo(manifest);
                assertThat(e.over()).isGreaterThanOrEqualTo(WINDOW);
                assertThat(e.minimumBytesPerSecond()).isEqualTo(1024);
              })
          .hasMessageStartingWith("GET " + manifest + " moved ");
      assertThat(device.requests()).isEqualTo(1);
    }
  }

  @Test
  void headEndThatTricklesItsCatalogFailsBelowTheMinimumRate() throws Exception {
    try (TricklingPeer headEnd = TricklingPeer.answering("200 OK", "application/json", 100_000)) {
      URI catalog = headEnd.uri("/catalog.json");

      assertThatThrownBy(() -> transport.catalog(catalog).fetch())
          .isInstanceOfSatisfying(
              BelowMinimumRateException.class, e -> assertThat(e.uri()).isEqualTo(catalog));
      assertThat(headEnd.requests()).isEqualTo(1);
    }
  }

  @Test
  void tricklingArtifactFailsBelowTheMinimumRateWithoutBeingResumed() throws Exception {
    try (TricklingPeer headEnd =
        TricklingPeer.answering("200 OK", "application/octet-stream", 100_000)) {
      CatalogEntry image =
          entry("fw/image.bin", new byte[100_000], URI.create("artifacts/image.bin"));

      try (InputStream artifact =
          transport.catalog(headEnd.uri("/catalog.json")).openArtifact(image)) {
        assertThatThrownBy(() -> artifact.transferTo(OutputStream.nullOutputStream()))
            .isInstanceOfSatisfying(
                BelowMinimumRateException.class,
                e -> assertThat(e.uri()).isEqualTo(headEnd.uri("/artifacts/image.bin")));
      }
      // The response had a strong ETag, so a broken download would have been resumed.
      assertThat(headEnd.requests()).isEqualTo(1);
    }
  }

  @Test
  void deviceThatTakesAnUploadSlowerThanTheMinimumRateFails() throws Exception {
    try (TricklingPeer device = TricklingPeer.readingUploads()) {
      Client slow = Client.of("slow", device.uri(""));

      assertThatThrownBy(
              () ->
                  transport
                      .transferer()
                      .transfer(slow, artifact("fw/image.bin", randomBytes(16 << 20)), bytes -> {}))
          .isInstanceOfSatisfying(
              BelowMinimumRateException.class,
              e -> {
                assertThat(e.method()).isEqualTo("PUT");
                assertThat(e.uri()).isEqualTo(device.uri("/patchbay/v1/files/fw/image.bin"));
              });
      assertThat(device.requests()).isEqualTo(1);
    }
  }

  @Test
  void deviceThatTricklesItsAnswerToAnUploadCannotHoldTheTransfer() throws Exception {
    try (TricklingPeer device =
        TricklingPeer.answering("422 Unprocessable Content", "application/problem+json", 100_000)) {
      Client client = Client.of("mumbling", device.uri(""));

      // The problem document never arrives whole; the status still ends the transfer.
      assertThatThrownBy(
              () ->
                  transport
                      .transferer()
                      .transfer(client, artifact("fw/image.bin", randomBytes(1000)), bytes -> {}))
          .isInstanceOfSatisfying(
              HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
  }

  @Test
  void uploadHeldUpByTheGatewaysOwnBandwidthBudgetIsNotBlamedOnTheDevice() throws Exception {
    // 24 KiB at 4 KiB/s takes about 4 s, well over the window, all of it waiting for the budget.
    BandwidthBudget budget = new BandwidthBudget(4096, Clock.systemUTC(), Sleeper.SYSTEM);
    byte[] image = randomBytes(24 * 1024);
    CatalogEntry entry = entry("fw/image.bin", image, URI.create("x"));
    Artifact throttled =
        new Artifact() {
          @Override
          public CatalogEntry entry() {
            return entry;
          }

          @Override
          public InputStream open() {
            return budget.throttle(new ByteArrayInputStream(image));
          }
        };
    HttpTransport strict =
        new HttpTransport(
            HttpTransportConfig.builder()
                .minimumRate(1 << 20, WINDOW)
                .retry(RetryPolicy.builder().maxAttempts(1).build())
                .build());
    try (HttpDeviceAgent device =
        HttpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure()).start()) {

      strict.transferer().transfer(Client.of("stb", device.endpoint()), throttled, bytes -> {});

      assertThat(Files.readAllBytes(device.pathOf("fw/image.bin"))).isEqualTo(image);
    }
  }

  @Test
  void byDefaultATricklingDeviceAndATricklingArtifactFailWithinAMinuteWhileTheOtherClientsFinish()
      throws Exception {
    byte[] player = "player 2.0.0".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] slow = new byte[100_000];
    try (TricklingPeer tricklingDevice =
            TricklingPeer.answering("200 OK", "application/json", 100_000);
        TricklingPeer artifactHost =
            TricklingPeer.answering("200 OK", "application/octet-stream", slow.length);
        HttpDeviceAgent needsTheSlowArtifact =
            HttpDeviceAgent.builder(home.resolve("stb-1"), DeviceTrust.insecure()).start();
        HttpDeviceAgent hasTheSlowArtifact =
            HttpDeviceAgent.builder(home.resolve("stb-2"), DeviceTrust.insecure()).start()) {
      Path www = Files.createDirectories(home.resolve("www/artifacts"));
      Files.write(www.resolve("player.bin"), player);
      try (OutputStream out = Files.newOutputStream(home.resolve("www/catalog.json"))) {
        CatalogJson.write(
            Catalog.of(
                1,
                entry("bin/player", player, URI.create("artifacts/player.bin")),
                entry("fw/slow.bin", slow, artifactHost.uri("/slow.bin"))),
            out);
      }
      hasTheSlowArtifact.install("fw/slow.bin", "2.0.0", new ByteArrayInputStream(slow));
      try (StaticHeadEnd headEnd = StaticHeadEnd.start(home.resolve("www"))) {
        // The defaults, but for the artifact host: another origin than the head end's.
        Transports transports =
            Transports.of(
                new HttpTransport(
                    HttpTransportConfig.builder()
                        .artifactOrigins(List.of(artifactHost.uri("/")))
                        .build()));
        UpdateOrchestrator gateway =
            UpdateOrchestrator.builder()
                .allowUnsigned()
                .catalog(transports.catalog(headEnd.uri("/catalog.json")))
                .transports(transports)
                .build();

        FleetReport report =
            gateway.updateAll(
                List.of(
                    Client.of("trickler", tricklingDevice.uri("")),
                    Client.of("stb-1", needsTheSlowArtifact.endpoint()),
                    Client.of("stb-2", hasTheSlowArtifact.endpoint())));

        assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(90));
        UpdateReport trickler = report.clients().get(0);
        assertThat(trickler.failedStep()).isEqualTo(Step.INTERROGATE);
        assertThat(trickler.error())
            .isInstanceOfSatisfying(
                BelowMinimumRateException.class,
                e -> assertThat(e.uri()).isEqualTo(tricklingDevice.uri("/patchbay/v1/manifest")));
        FileOutcome slowFile = outcome(report.clients().get(1), "fw/slow.bin");
        assertThat(slowFile.status()).isEqualTo(Status.FAILED);
        assertThat(slowFile.failedStep()).isEqualTo(Step.FETCH);
        assertThat(slowFile.error())
            .isInstanceOfSatisfying(
                BelowMinimumRateException.class,
                e -> assertThat(e.uri()).isEqualTo(artifactHost.uri("/slow.bin")));
        assertThat(outcome(report.clients().get(1), "bin/player").status())
            .isEqualTo(Status.UPDATED);
        assertThat(report.clients().get(2).succeeded()).isTrue();
        assertThat(Files.readAllBytes(hasTheSlowArtifact.pathOf("bin/player"))).isEqualTo(player);
      }
    }
  }

  private static FileOutcome outcome(UpdateReport report, String name) {
    return report.files().stream()
        .filter(file -> file.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
