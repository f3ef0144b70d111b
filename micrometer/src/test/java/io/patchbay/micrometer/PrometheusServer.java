package io.patchbay.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.testkit.ProcessPeer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (the Debian package's, 2.42) on a free loopback port, scraping one
 * target: the scraper of the metrics tests here and of the command line's (hence public, shared
 * through this module's test jar). Missing prometheus fails the test: CI installs it in {@code
 * .ci/run}.
 *
 * <p>Its HTTP API is queried with a request timeout, so a hung server fails a test instead of
 * stalling it; {@link #close()} stops the process.
 */
public final class PrometheusServer implements AutoCloseable {

  /** How long the server has to start answering {@code /-/ready}. */
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final Pattern JOB = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]*");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

  private final ProcessPeer process;
  private final URI origin;

  private PrometheusServer(ProcessPeer process, URI origin) {
    this.process = process;
    this.origin = origin;
  }

  /**
   * Starts Prometheus in {@code home} (its configuration, data and log go there) with one scrape
   * job named {@code job} on {@code target}, an {@code http} URL such as {@code
   * http://127.0.0.1:8080/metrics}, every {@code scrapeInterval}; returns once it is ready.
   *
   * @throws IllegalStateException if prometheus is not installed
   * @throws IllegalStateException if it exits or is not ready in time
   */
  public static PrometheusServer start(Path home, String job, URI target, Duration scrapeInterval)
      throws IOException {
    if (!JOB.matcher(job).matches()) {
      throw new IllegalArgumentException("Not a job name: " + job);
    }
    if (!"http".equals(target.getScheme())
        || target.getPort() < 0
        || target.getRawQuery() != null) {
      throw new IllegalArgumentException("Not an http URL with a port and no query: " + target);
    }
    ProcessPeer.installed(BINARY, "prometheus");
    Files.createDirectories(home);
    Path config =
        Files.writeString(
            home.resolve("prometheus.yml"),
            """
            scrape_configs:
              - job_name: '%s'
                scrape_interval: %dms
                scrape_timeout: %dms
                metrics_path: '%s'
                static_configs:
                  - targets: ['%s']
            """
                .formatted(
                    job,
                    scrapeInterval.toMillis(),
                    scrapeInterval.toMillis(),
                    target.getRawPath().replace("'", "''"),
                    target.getHost() + ":" + target.getPort()));
    int port = ProcessPeer.freeTcpPort();
    URI origin = URI.create("http://127.0.0.1:" + port);
    ProcessPeer process =
        ProcessPeer.start(
                "prometheus",
                List.of(
                    BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port),
                home.resolve("prometheus.log"))
            .awaitReady(STARTUP, POLL, () -> get(origin, "/-/ready").statusCode() == 200);
    return new PrometheusServer(process, origin);
  }

  /**
   * Waits until the instant query {@code expression} has exactly one series and it reads {@code
   * expected}; a value that is scraped later counts, so a test need not know when the last scrape
   * was.
   *
   * @throws AssertionError with the last answer, if {@code patience} passes first
   */
  public void awaitValue(String expression, double expected, Duration patience) {
    await()
        .atMost(patience)
        .pollInterval(POLL)
        .untilAsserted(() -> assertThat(value(expression)).as(expression).hasValue(expected));
  }

  /**
   * The value of the instant query {@code expression}, or empty while it has no series.
   *
   * @throws IllegalStateException if Prometheus refuses the query, or it has several series
   */
  public OptionalDouble value(String expression) throws IOException, InterruptedException {
    JsonNode answer =
        JSON.readTree(
            get(
                    origin,
                    "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8))
                .body());
    if (!"success".equals(answer.path("status").asText())) {
      throw new IllegalStateException("Prometheus refused " + expression + ": " + answer);
    }
    JsonNode result = answer.path("data").path("result");
    if (result.size() > 1) {
      throw new IllegalStateException(expression + " has several series: " + result);
    }
    return result.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
  }

  /** What the server wrote so far, for a failure's message. */
  public String log() throws IOException {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  private static HttpResponse<String> get(URI origin, String pathAndQuery)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(origin.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
