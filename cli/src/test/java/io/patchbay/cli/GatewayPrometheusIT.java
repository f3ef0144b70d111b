package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.micrometer.PrometheusServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (the Debian package), scraping every second the admin endpoint's {@code
 * /metrics} of {@code patchbay gateway} in its own process, finds through its query API the
 * counters of the update the gateway made: a head end and three HTTP reference devices, each in its
 * own process, the devices updated with two files in one campaign. Fails, never skips, without
 * {@code prometheus} installed.
 */
@Tag("interop")
class GatewayPrometheusIT {

  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
  private static final List<String> DEVICES = List.of("stb-1", "stb-2", "stb-3");

  /** The head end's files and their sizes, different so that a file counted twice shows. */
  private static final Map<String, Integer> FILES =
      Map.of("bin/player", 10_000, "lib/codec.so", 3_000);

  @TempDir Path work;

  @Test
  void prometheusFindsTheCountersOfAGatewaysUpdateOnItsMetricsEndpoint() throws Exception {
    Path headEndDir = work.resolve("head-end");
    publish(headEndDir);
    int artifactBytes = FILES.values().stream().mapToInt(Integer::intValue).sum();
    try (PatchbayJar.Server headEnd = PatchbayJar.serve("headend", "--dir", headEndDir.toString());
        PatchbayJar.Server stb1 = device("stb-1");
        PatchbayJar.Server stb2 = device("stb-2");
        PatchbayJar.Server stb3 = device("stb-3")) {
      Files.writeString(
          work.resolve("clients.csv"),
          "id,endpoint\nstb-1,%s\nstb-2,%s\nstb-3,%s\n"
              .formatted(stb1.url(), stb2.url(), stb3.url()));
      Path log = work.resolve("gateway.log");
      Process gateway =
          PatchbayJar.launch(log, "gateway", "--config", config(headEnd.url()).toString());
      try (PrometheusServer prometheus =
          PrometheusServer.start(
              work.resolve("prometheus"),
              "gateway",
              PatchbayJar.adminEndpoint(log, gateway, PATIENCE).resolve("metrics"),
              SCRAPE_INTERVAL)) {
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  assertThat(gateway.isAlive()).as(Files.readString(log)).isTrue();
                  assertThat(Files.readString(log))
                      .contains("campaign for serial 1 completed: 3 clients, 0 failed");
                });
        for (String device : DEVICES) {
          for (String file : FILES.keySet()) {
            assertThat(work.resolve(device).resolve(file))
                .as("%s on %s", file, device)
                .hasSameBinaryContentAs(headEndDir.resolve(file));
          }
        }

        prometheus.awaitValue("up{job=\"gateway\"}", 1, PATIENCE);
        prometheus.awaitValue("patchbay_catalog_serial", 1, PATIENCE);
        prometheus.awaitValue(
            "patchbay_client_updates_total{outcome=\"succeeded\",step=\"none\"}",
            DEVICES.size(),
            PATIENCE);
        prometheus.awaitValue("sum(patchbay_client_updates_total)", DEVICES.size(), PATIENCE);
        prometheus.awaitValue(
            "sum(patchbay_client_duration_seconds_count)", DEVICES.size(), PATIENCE);
        // The devices start empty: every file is an install.
        prometheus.awaitValue(
            "patchbay_files_total{action=\"install\",status=\"updated\",step=\"none\"}",
            DEVICES.size() * FILES.size(),
            PATIENCE);
        prometheus.awaitValue("sum(patchbay_files_total)", DEVICES.size() * FILES.size(), PATIENCE);
        prometheus.awaitValue(
            "patchbay_bytes_to_clients_bytes_total",
            (double) DEVICES.size() * artifactBytes,
            PATIENCE);
        // Download once, serve many: each artifact once from the head end, then from the cache.
        prometheus.awaitValue("patchbay_bytes_from_head_end_bytes_total", artifactBytes, PATIENCE);
        prometheus.awaitValue("patchbay_artifacts_fetched_total", FILES.size(), PATIENCE);
        prometheus.awaitValue(
            "patchbay_artifacts_reused_total", (DEVICES.size() - 1) * FILES.size(), PATIENCE);
        prometheus.awaitValue("patchbay_transfers_active", 0, PATIENCE);
        prometheus.awaitValue(
            "patchbay_campaign_clients_total{status=\"updated\"}", DEVICES.size(), PATIENCE);
        prometheus.awaitValue("patchbay_campaigns_total{state=\"completed\"}", 1, PATIENCE);
        prometheus.awaitValue("sum(patchbay_campaigns_total)", 1, PATIENCE);
        prometheus.awaitValue("patchbay_campaign_running", 0, PATIENCE);
      } finally {
        gateway.destroyForcibly();
        gateway.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The head end's files, of {@link #FILES}' sizes, and a catalog of them with serial 1. */
  private void publish(Path headEnd) throws Exception {
    Random bytes = new Random(17);
    StringBuilder versions = new StringBuilder();
    for (Map.Entry<String, Integer> file : FILES.entrySet()) {
      byte[] content = new byte[file.getValue()];
      bytes.nextBytes(content);
      Path path = headEnd.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, content);
      versions.append(file.getKey()).append(" 1.0.0\n");
    }
    PatchbayJar.buildCatalog(work, headEnd, versions.toString(), "--serial", "1");
  }

  private Path config(String headEnd) throws IOException {
    return Files.writeString(
        work.resolve("gateway.yaml"),
        """
        headEnd:
          catalog: %scatalog.json
          allowUnsigned: true   # a lab: the catalog is not signed
          pollInterval: 1s
        clients:
          file: clients.csv
        stateDir: state
        waves:
          canary: 1
        admin:
          enabled: true
          listen: 127.0.0.1:0
        """
            .formatted(headEnd));
  }

  private PatchbayJar.Server device(String name) throws IOException {
    return PatchbayJar.serve(
        "device", "http", "--dir", work.resolve(name).toString(), "--insecure");
  }
}
