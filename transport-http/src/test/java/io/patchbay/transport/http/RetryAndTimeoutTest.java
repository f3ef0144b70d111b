package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry, backoff and timeout rules, against scripted servers on loopback. */
class RetryAndTimeoutTest {

  private static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
  }

  @Test
  void backoffGrowsExponentiallyWithFullJitterUpToTheCap() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(10)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(350))
            .maxRetryAfter(Duration.ofSeconds(1))
            .build();

    for (int i = 0; i < 1000; i++) {
      assertThat(policy.backoff(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
      assertThat(policy.backoff(2)).isBetween(Duration.ZERO, Duration.ofMillis(200));
      assertThat(policy.backoff(9)).isBetween(Duration.ZERO, Duration.ofMillis(350));
    }
  }

  @Test
  void retryAfterIsReadInSecondsOrAsAnHttpDate() {
    assertThat(Exchanges.retryAfter(headers("Retry-After", "120")))
        .isEqualTo(Duration.ofMinutes(2));
    String inAMinute =
        ZonedDateTime.now(ZoneOffset.UTC)
            .plusSeconds(60)
            .format(DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(Exchanges.retryAfter(headers("Retry-After", inAMinute)))
        .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
    assertThat(Exchanges.retryAfter(headers("Retry-After", "soon"))).isNull();
    assertThat(Exchanges.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true))).isNull();
  }

  @Test
  void tooManyRequestsWithARetryAfterBeyondTheLimitFailsWithoutWaiting() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              requests.incrementAndGet();
              respond(
                  socket,
                  "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n");
            })) {
      HttpTransport transport =
          new HttpTransport(HttpTransportConfig.builder().retry(RetryPolicy.defaults()).build());

      assertThatThrownBy(() -> transport.catalog(server.uri("/catalog.json")).fetch())
          .isInstanceOfSatisfying(
              HttpStatusException.class,
              e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.detail()).contains("Retry-After 3600 s exceeds");
              });
      assertThat(requests).hasValue(1);
    }
  }

  @Test
  void headEndThatStallsMidBodyTimesOutWithTheReadTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ScriptedServer server =
        new ScriptedServer(
            socket -> {
              respond(
                  socket,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"schema");
              release.await();
            })) {
      HttpTransport transport =
          new HttpTransport(
              HttpTransportConfig.builder()
                  .readTimeout(Duration.ofMillis(300))
                  .retry(RetryPolicy.builder().maxAttempts(1).build())
                  .build());

      assertThatThrownBy(() -> transport.catalog(server.uri("/catalog.json")).fetch())
          .isInstanceOf(HttpTimeoutException.class)
          .hasMessageContaining("made no progress for PT0.3S");
    } finally {
      release.countDown();
    }
  }

  private static void respond(Socket socket, String response) throws IOException {
    socket.getInputStream().read(new byte[8192]);
    OutputStream out = socket.getOutputStream();
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** A loopback server that answers every connection with a script. */
  private static final class ScriptedServer implements AutoCloseable {
    interface Script {
      void serve(Socket socket) throws Exception;
    }

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Thread acceptor;

    ScriptedServer(Script script) throws IOException {
      acceptor =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try (Socket socket = listener.accept()) {
                    script.serve(socket);
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
