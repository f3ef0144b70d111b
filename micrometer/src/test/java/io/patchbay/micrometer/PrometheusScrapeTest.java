package io.patchbay.micrometer;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (the Debian package) scrapes the meters of an update through
 * Micrometer's Prometheus registry, and its query API finds the counters. Fails, never skips,
 * without {@code prometheus} installed.
 */
@Tag("interop")
class PrometheusScrapeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path home;

  private HttpServer exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.stop(0);
    }
  }

  @Test
  void prometheusScrapesTheCountersOfAnUpdate() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder().serial(7).file("bin/player", "2.1.0").build();
    FakeFleet fleet = new FakeFleet();
    for (int i = 1; i <= 3; i++) {
      fleet.add("stb-" + i).holding("bin/player", "2.0.0");
    }
    UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(fleet)
        .transferer(fleet)
        .listener(new PatchbayMetrics(registry))
        .build()
        .updateAll(fleet.clients());
    double size = headEnd.content("bin/player").length;

    try (PrometheusServer prometheus =
        PrometheusServer.start(home, "gateway", serve(registry), Duration.ofSeconds(1))) {
      prometheus.awaitValue("up{job=\"gateway\"}", 1, PATIENCE);
      prometheus.awaitValue("patchbay_client_updates_total{outcome=\"succeeded\"}", 3, PATIENCE);
      prometheus.awaitValue(
          "patchbay_files_total{action=\"update\",status=\"updated\"}", 3, PATIENCE);
      prometheus.awaitValue("patchbay_bytes_from_head_end_bytes_total", size, PATIENCE);
      prometheus.awaitValue("patchbay_bytes_to_clients_bytes_total", 3 * size, PATIENCE);
      prometheus.awaitValue("patchbay_client_duration_seconds_count", 3, PATIENCE);
      prometheus.awaitValue("patchbay_catalog_serial", 7, PATIENCE);
    }
  }

  /** Serves the registry's exposition on a loopback port, as a gateway's {@code /metrics} does. */
  private URI serve(PrometheusMeterRegistry registry) throws IOException {
    exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exporter.createContext(
        "/metrics",
        exchange -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    exporter.start();
    return URI.create("http://127.0.0.1:" + exporter.getAddress().getPort() + "/metrics");
  }
}
