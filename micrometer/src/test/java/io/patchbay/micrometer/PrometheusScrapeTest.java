package io.patchbay.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (the Debian package) scrapes the meters of an update through
 * Micrometer's Prometheus registry, and its query API finds the counters. Fails, never skips,
 * without {@code prometheus} on the PATH.
 */
@Tag("interop")
class PrometheusScrapeTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private HttpServer exporter;
  private Process prometheus;

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
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
    int exporterPort = serve(registry);

    startPrometheus(exporterPort);

    URI api = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query");
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> query(api, "patchbay_client_updates_total{outcome=\"succeeded\"}"), v -> v == 3);
    assertThat(query(api, "patchbay_files_total{action=\"update\",status=\"updated\"}"))
        .isEqualTo(3);
    assertThat(query(api, "patchbay_bytes_from_head_end_bytes_total"))
        .isEqualTo(headEnd.content("bin/player").length);
    assertThat(query(api, "patchbay_bytes_to_clients_bytes_total"))
        .isEqualTo(3.0 * headEnd.content("bin/player").length);
    assertThat(query(api, "patchbay_client_duration_seconds_count")).isEqualTo(3);
    assertThat(query(api, "patchbay_catalog_serial")).isEqualTo(7);
  }

  private int prometheusPort;

  /** Serves the registry's exposition on a loopback port, as a gateway's {@code /metrics} does. */
  private int serve(PrometheusMeterRegistry registry) throws IOException {
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
    return exporter.getAddress().getPort();
  }

  private void startPrometheus(int exporterPort) throws IOException {
    Path config =
        Files.writeString(
            home.resolve("prometheus.yml"),
            "global:\n"
                + "  scrape_interval: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: gateway\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:"
                + exporterPort
                + "']\n");
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      prometheusPort = free.getLocalPort();
    }
    prometheus =
        new ProcessBuilder(
                executable(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("prometheus.log").toFile())
            .start();
  }

  /** The value of an instant query's single result, or -1 while it has none. */
  private static double query(URI api, String expression) throws Exception {
    URI uri = URI.create(api + "?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode result = JSON.readTree(response.body()).path("data").path("result");
    if (result.size() != 1) {
      return -1;
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /** The Debian package's server; a missing one fails the test. */
  private static String executable() {
    Path binary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(
          binary + " is not installed: apt-get install prometheus (.ci/run installs it)");
    }
    return binary.toString();
  }
}
