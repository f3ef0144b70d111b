package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.patchbay.campaign.WavePlan;
import io.patchbay.micrometer.PatchbayMetrics;
import io.patchbay.spi.Transports;
import io.patchbay.transport.http.StaticHeadEnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's loop and its shutdown, in process, against a real head end and real sockets. */
class GatewayServiceTest {

  @TempDir Path dir;

  private final StringWriter log = new StringWriter();
  private final GatewayStatus status = new GatewayStatus();

  private GatewayService service(URI catalog, Path clients) throws IOException {
    return service(catalog, clients, Duration.ofSeconds(1));
  }

  private GatewayService service(URI catalog, Path clients, Duration pollInterval)
      throws IOException {
    GatewayConfig config =
        new GatewayConfig(
            new GatewayConfig.HeadEnd(
                catalog,
                List.of(),
                1,
                null,
                true,
                false,
                pollInterval,
                Optional.empty(),
                List.of()),
            new GatewayConfig.Clients(Optional.of(clients), List.of()),
            GatewayConfig.Devices.NONE,
            dir.resolve("state"),
            WavePlan.defaults(),
            Map.of(),
            new GatewayConfig.Limits(2, 0, 0, 1L << 20),
            Optional.empty(),
            Duration.ofSeconds(30),
            Optional.empty());
    return GatewayService.create(
        config,
        Transports.load(),
        status,
        new PatchbayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
        new PrintWriter(log, true));
  }

  private String statusJson() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status.writeJson(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aClientStillInProgressWhenTheGraceEndsIsCancelledAndTheJournalKept() throws Exception {
    Path headEnd = publishPlayer();
    try (ServerSocket silent = silentClient();
        StaticHeadEnd head = StaticHeadEnd.start(headEnd)) {
      GatewayService service = service(head.uri("catalog.json"), clientsAt(silent));
      CompletableFuture<Void> loop = runUntilUpdating(service);

      boolean stopped = service.shutdown(Duration.ofMillis(200));

      assertThat(stopped).as(log.toString()).isTrue();
      assertThat(loop).succeedsWithin(Duration.ofSeconds(1));
      assertThat(statusJson()).contains("\"state\" : \"cancelled\"", "\"stb-1\" : \"cancelled\"");
      assertThat(log.toString()).contains("grace period over", "campaign for serial 7 cancelled");
      assertThat(dir.resolve("state/journal/campaign-7.journal")).isNotEmptyFile();
    }
  }

  @Test
  void aWakeUpRunsAPassAtOnceWhateverThePollInterval() throws Exception {
    Path headEnd = publishPlayer();
    Path clients = Files.writeString(dir.resolve("clients.csv"), "id,endpoint\n");
    try (StaticHeadEnd head = StaticHeadEnd.start(headEnd)) {
      GatewayService service = service(head.uri("catalog.json"), clients, Duration.ofHours(1));
      CompletableFuture<Void> loop = runAsync(service);
      await().atMost(Duration.ofMinutes(1)).until(() -> statusJson().contains("\"serial\" : 7"));

      CommandRun.buildCatalog(headEnd, "2.0.0", "--serial", 8);
      service.wake();

      await().atMost(Duration.ofMinutes(1)).until(() -> statusJson().contains("\"serial\" : 8"));
      assertThat(service.shutdown(Duration.ofSeconds(30))).isTrue();
      assertThat(loop).succeedsWithin(Duration.ofSeconds(1));
    }
  }

  @Test
  void anAbortEndsTheGraceAtOnceAndCancelsTheClientsInProgress() throws Exception {
    Path headEnd = publishPlayer();
    try (ServerSocket silent = silentClient();
        StaticHeadEnd head = StaticHeadEnd.start(headEnd)) {
      GatewayService service = service(head.uri("catalog.json"), clientsAt(silent));
      CompletableFuture<Void> loop = runUntilUpdating(service);
      CompletableFuture<Boolean> stopped =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return service.shutdown(Duration.ofHours(1));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      await().atMost(Duration.ofMinutes(1)).until(() -> statusJson().contains("stopping"));

      service.abort();

      assertThat(stopped)
          .as("an hour's grace cut short")
          .succeedsWithin(GatewayService.CANCEL_BOUND.multipliedBy(2))
          .isEqualTo(true);
      assertThat(loop).succeedsWithin(Duration.ofSeconds(1));
      assertThat(statusJson()).contains("\"stb-1\" : \"cancelled\"");
      assertThat(log.toString())
          .contains("campaign for serial 7 cancelled")
          .doesNotContain("grace period over");
      assertThat(dir.resolve("state/journal/campaign-7.journal")).isNotEmptyFile();
    }
  }

  /** Publishes {@code bin/player} 2.0.0 in a head end's directory, as catalog serial 7. */
  private Path publishPlayer() throws IOException {
    Path headEnd = dir.resolve("head-end");
    Files.writeString(
        Files.createDirectories(headEnd.resolve("bin")).resolve("player"), "player 2.0.0");
    CommandRun.buildCatalog(headEnd, "2.0.0", "--serial", 7);
    return headEnd;
  }

  /** A client's socket that accepts the connection and never answers: its interrogation hangs. */
  private static ServerSocket silentClient() throws IOException {
    return new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
  }

  /** A clients file of one client, {@code stb-1}, at {@code socket}. */
  private Path clientsAt(ServerSocket socket) throws IOException {
    return Files.writeString(
        dir.resolve("clients.csv"),
        "id,endpoint\nstb-1,http://127.0.0.1:" + socket.getLocalPort() + "\n");
  }

  /** Runs the loop of {@code service} and waits until it is updating {@code stb-1}. */
  private CompletableFuture<Void> runUntilUpdating(GatewayService service) {
    CompletableFuture<Void> loop = runAsync(service);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> statusJson().contains("\"stb-1\" : \"updating\""));
    return loop;
  }

  private static CompletableFuture<Void> runAsync(GatewayService service) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            service.run();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aShutdownBetweenPassesEndsTheLoopAtOnce() throws Exception {
    Path clients = dir.resolve("clients.csv");
    Files.writeString(clients, "id,endpoint\n");
    URI nowhere = URI.create("http://127.0.0.1:" + CommandRun.closedTcpPort() + "/catalog.json");
    GatewayService service = service(nowhere, clients);
    CompletableFuture<Void> loop = runAsync(service);
    await().atMost(Duration.ofMinutes(1)).until(() -> statusJson().contains("unreachable"));

    assertThat(service.shutdown(Duration.ofSeconds(30))).isTrue();
    assertThat(loop).succeedsWithin(Duration.ofSeconds(1));
    assertThat(status.ready()).as("an unreachable head end is not an answer").isFalse();
  }
}
