package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.transfer.TransferRejectedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exchanges over plain {@code http} go out on a blocking socket ({@link SocketExchange}) and their
 * answers are read by {@link Http11Response}: checked on the bytes a raw socket peer receives and
 * against answers no JDK server would send (early refusals, chunked problems, interim responses,
 * broken or oversized heads, no answer at all).
 */
class SocketExchangeTest {

  private static final String PATH = "/patchbay/v1/files/fw/image.bin";
  private static final String PROBLEM =
      "{\"type\":\"https://patchbay.io/problems/too-large\",\"title\":\"Too large\",\"status\":413,"
          + "\"detail\":\"over this device's limit\"}";

  private final HttpTransport transport =
      new HttpTransport(
          HttpTransportConfig.builder()
              .retry(RetryPolicy.builder().maxAttempts(1).build())
              .deviceAuthenticator(RequestAuthenticator.bearer(() -> "device-token"))
              .build());
  private ScriptedPeer peer;

  @AfterEach
  void stop() throws IOException {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void theUploadIsOneHttp11RequestWithItsLengthTheProtocolHeadersAndTheWholeBody()
      throws Exception {
    byte[] image = randomBytes(3 * SocketExchange.CHUNK_BYTES + 17);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              byte[] body = in.readNBytes(contentLength(head));
              answer(out, "HTTP/1.1 204 No Content\r\n\r\n");
              return body;
            });

    transport.transferer().transfer(peer.client(), artifact(image), bytes -> {});

    String head = peer.head();
    assertThat(head).startsWith("PUT " + PATH + " HTTP/1.1\r\n");
    assertThat(head.toLowerCase(Locale.ROOT))
        .contains("\r\nhost: 127.0.0.1:" + peer.port() + "\r\n")
        .contains("\r\ncontent-length: " + image.length + "\r\n")
        .contains("\r\ncontent-type: application/octet-stream\r\n")
        .contains("\r\npatchbay-version: 2.0.0\r\n")
        .contains(
            "\r\nrepr-digest: sha-256=:"
                + InMemoryCatalog.sha256(image).base64().toLowerCase(Locale.ROOT)
                + ":\r\n")
        .contains("\r\nauthorization: bearer device-token\r\n")
        .contains("\r\nconnection: close\r\n")
        .endsWith("\r\n\r\n");
    assertThat(peer.received()).isEqualTo(image);
  }

  @Test
  void aDeviceThatRefusesBeforeTakingTheBodyIsHeardAndTheRestIsNotSent() throws Exception {
    byte[] image = randomBytes(64 << 20);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              answer(
                  out,
                  "HTTP/1.1 413 Content Too Large\r\nContent-Type: application/problem+json\r\n"
                      + "Content-Length: "
                      + PROBLEM.length()
                      + "\r\n\r\n"
                      + PROBLEM);
              return new byte[0];
            });

    assertThatThrownBy(
            () -> transport.transferer().transfer(peer.client(), artifact(image), bytes -> {}))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(TransferRejectedException.Reason.NO_SPACE));
  }

  @Test
  void aChunkedProblemDocumentIsDecoded() throws Exception {
    String first = PROBLEM.substring(0, 40);
    String rest = PROBLEM.substring(40);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              in.readNBytes(contentLength(head));
              answer(
                  out,
                  "HTTP/1.1 413 Content Too Large\r\nContent-Type: application/problem+json\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\n"
                      + Integer.toHexString(first.length())
                      + ";ext=1\r\n"
                      + first
                      + "\r\n"
                      + Integer.toHexString(rest.length())
                      + "\r\n"
                      + rest
                      + "\r\n0\r\nTrailer-Field: x\r\n\r\n");
              return new byte[0];
            });

    assertThatThrownBy(
            () ->
                transport.transferer().transfer(peer.client(), artifact(randomBytes(10)), n -> {}))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(TransferRejectedException.Reason.NO_SPACE));
  }

  @Test
  void interimResponsesAreSkippedForTheFinalOne() throws Exception {
    byte[] image = randomBytes(1000);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              byte[] body = in.readNBytes(contentLength(head));
              answer(
                  out,
                  "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"
                      + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
              return body;
            });

    transport.transferer().transfer(peer.client(), artifact(image), bytes -> {});

    assertThat(peer.received()).isEqualTo(image);
  }

  @Test
  void aResponseHeadOverTheLimitFailsWithoutBeingReadToItsEnd() throws Exception {
    String field = "X-Filler: " + "a".repeat(1000) + "\r\n";
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              in.readNBytes(contentLength(head));
              out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
              // Far more than the limit; the gateway stops reading and closes.
              try {
                for (int i = 0; i < 10 * Http11Response.MAX_HEAD_BYTES / field.length(); i++) {
                  out.write(field.getBytes(StandardCharsets.ISO_8859_1));
                }
              } catch (IOException closedByTheGateway) {
                return new byte[0];
              }
              return new byte[0];
            });

    assertThatThrownBy(
            () ->
                transport.transferer().transfer(peer.client(), artifact(randomBytes(10)), n -> {}))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("response head over " + Http11Response.MAX_HEAD_BYTES + " bytes");
  }

  @Test
  void aMalformedStatusLineFails() throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              in.readNBytes(contentLength(head));
              answer(out, "ICY 200 OK\r\n\r\n");
              return new byte[0];
            });

    assertThatThrownBy(
            () ->
                transport.transferer().transfer(peer.client(), artifact(randomBytes(10)), n -> {}))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("malformed status line: ICY 200 OK");
  }

  @Test
  void conflictingContentLengthsFail() throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              in.readNBytes(contentLength(head));
              answer(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok");
              return new byte[0];
            });

    assertThatThrownBy(
            () ->
                transport.transferer().transfer(peer.client(), artifact(randomBytes(10)), n -> {}))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("conflicting Content-Length");
  }

  @Test
  void aHeadEndThatNeverAnswersTimesOutWithTheResponseTimeout() throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              // Holds the connection until the gateway closes it.
              in.readAllBytes();
              return new byte[0];
            });
    HttpTransport impatient =
        new HttpTransport(
            HttpTransportConfig.builder()
                .responseTimeout(Duration.ofMillis(300))
                .retry(RetryPolicy.builder().maxAttempts(1).build())
                .build());
    URI catalog = URI.create("http://127.0.0.1:" + peer.port() + "/catalog.json");

    assertThatThrownBy(() -> impatient.catalog(catalog).fetch())
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessage("GET " + catalog + ": no response within 300 ms");
    assertThat(peer.head()).startsWith("GET /catalog.json HTTP/1.1\r\n");
  }

  @Test
  void onlyDirectPlainHttpRoutesGoOnTheSocket() {
    URI device = URI.create("http://192.0.2.7:8080/patchbay/v1/files/a");
    HttpTransportConfig direct =
        HttpTransportConfig.builder().proxy(ProxySelector.of(null)).build();
    HttpTransportConfig proxied =
        HttpTransportConfig.builder()
            .proxy(
                new ProxySelector() {
                  @Override
                  public List<Proxy> select(URI uri) {
                    return List.of(
                        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("p", 3128)));
                  }

                  @Override
                  public void connectFailed(URI uri, SocketAddress address, IOException e) {}
                })
            .build();

    assertThat(SocketExchange.serves(device, direct)).isTrue();
    assertThat(SocketExchange.serves(device, proxied)).isFalse();
    assertThat(SocketExchange.serves(URI.create("https://192.0.2.7/patchbay"), direct)).isFalse();
  }

  @Test
  void aChunkedBodyOfManySmallChunksIsReadWhole() throws Exception {
    byte[] data = randomBytes(20_000 * 16);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              out.write(
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      .getBytes(StandardCharsets.ISO_8859_1));
              for (int at = 0; at < data.length; at += 16) {
                out.write("10\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.write(data, at, 16);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
              }
              answer(out, "0\r\n\r\n");
              return new byte[0];
            });

    try (InputStream body = get(peer.uri("/big")).body()) {
      assertThat(body.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void aNonAsciiPathGoesOutPercentEncodedAsUtf8() throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              answer(out, "HTTP/1.1 204 No Content\r\n\r\n");
              return new byte[0];
            });

    get(peer.uri("/files/fw/\u753b.bin?name=\u753b")).body().close();

    assertThat(peer.head()).startsWith("GET /files/fw/%E7%94%BB.bin?name=%E7%94%BB HTTP/1.1\r\n");
  }

  @Test
  void aSourceThatFailsMidUploadFailsTheUploadAtOnce() throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              // Takes what comes and never answers: only our own failure can end the exchange.
              return in.readAllBytes();
            });
    IOException broken = new IOException("the artifact's disk failed");
    InputStream source =
        new SequenceInputStream(
            new ByteArrayInputStream(randomBytes(3 * SocketExchange.CHUNK_BYTES)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw broken;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                throw broken;
              }
            });
    HttpRequest request =
        HttpRequest.newBuilder(peer.uri("/upload"))
            .timeout(Duration.ofSeconds(20))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();

    try (SocketExchange exchange = new SocketExchange(direct())) {
      assertThatThrownBy(
              () -> exchange.send(request, upload(source, 10L << 20), UnaryOperator.identity()))
          .isSameAs(broken);
    }
  }

  @Test
  void aSuccessBeforeTheWholeBodyWasTakenIsAFailure() throws Exception {
    byte[] image = randomBytes(64 << 20);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              in.readNBytes(image.length / 2);
              answer(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
              return in.readAllBytes();
            });

    assertThatThrownBy(
            () -> transport.transferer().transfer(peer.client(), artifact(image), bytes -> {}))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("answered 200 to PUT before taking the whole body");
  }

  @Test
  void anInterimResponseDuringTheUploadDoesNotStopIt() throws Exception {
    byte[] image = randomBytes(64 << 20);
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              byte[] first = in.readNBytes(1 << 20);
              answer(out, "HTTP/1.1 102 Processing\r\n\r\n");
              byte[] rest = in.readNBytes(image.length - first.length);
              answer(out, "HTTP/1.1 204 No Content\r\n\r\n");
              byte[] body = Arrays.copyOf(first, first.length + rest.length);
              System.arraycopy(rest, 0, body, first.length, rest.length);
              return body;
            });

    transport.transferer().transfer(peer.client(), artifact(image), bytes -> {});

    assertThat(peer.received()).isEqualTo(image);
  }

  @Test
  void onlyIpLiteralHostsGoOnTheSocketSoNoNameIsResolvedOutsideADeadline() {
    HttpTransportConfig direct = direct();

    assertThat(SocketExchange.serves(URI.create("http://192.0.2.7:8080/a"), direct)).isTrue();
    assertThat(SocketExchange.serves(URI.create("http://[2001:db8::7]:8080/a"), direct)).isTrue();
    assertThat(SocketExchange.serves(URI.create("http://stb-7.example:8080/a"), direct)).isFalse();
    assertThat(SocketExchange.serves(URI.create("http://localhost:8080/a"), direct)).isFalse();
    assertThat(SocketExchange.serves(URI.create("http://256.1.2.3:8080/a"), direct)).isFalse();
  }

  @Test
  void timeoutsAreClampedToWhatTheSocketAndTheTimerTake() {
    assertThat(SocketExchange.timeoutMillis(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(SocketExchange.timeoutMillis(Duration.ofMillis(1500))).isEqualTo(1500);
    assertThat(SocketExchange.timeoutMillis(Duration.ofDays(30))).isEqualTo(Integer.MAX_VALUE);
    ScheduledFuture<?> never = StallGuard.schedule(() -> {}, Duration.ofDays(365L * 1_000_000));
    assertThat(never.getDelay(TimeUnit.DAYS)).isGreaterThan(365L * 100);
    never.cancel(false);
  }

  @Test
  void aBareCrInAHeaderValueFails() throws Exception {
    assertThat(failureOf("HTTP/1.1 200 OK\r\nX-Note: a\rb\r\nContent-Length: 0\r\n\r\n"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("control character in a header field");
  }

  @Test
  void aTransferCodingOtherThanChunkedFails() throws Exception {
    assertThat(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unsupported Transfer-Encoding: gzip, chunked");
  }

  @Test
  void transferEncodingInAnHttp10ResponseFails() throws Exception {
    assertThat(failureOf("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Transfer-Encoding in an HTTP/1.0 response");
  }

  @Test
  void aGetWithoutItsOwnTimeoutHasTheResponseTimeout() throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              // Holds the connection until the gateway closes it.
              return in.readAllBytes();
            });
    HttpTransportConfig impatient =
        HttpTransportConfig.builder()
            .responseTimeout(Duration.ofMillis(300))
            .proxy(ProxySelector.of(null))
            .retry(RetryPolicy.builder().maxAttempts(1).build())
            .build();
    Exchanges exchanges = Exchanges.forHeadEnds(impatient);
    URI catalog = peer.uri("/catalog.json");

    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThatThrownBy(
                    () ->
                        exchanges.send(
                            exchanges.request(catalog).GET().build(),
                            Scope.headEnd(impatient, catalog)))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("GET " + catalog + ": no response within 300 ms"));
  }

  /** What sending a GET for a response the peer answers with {@code response} throws. */
  private Throwable failureOf(String response) throws Exception {
    peer =
        new ScriptedPeer(
            (head, in, out) -> {
              answer(out, response);
              return new byte[0];
            });
    try {
      get(peer.uri("/x")).body().close();
    } catch (IOException e) {
      return e;
    }
    return null;
  }

  /** A GET straight through a {@link SocketExchange}; closing the body closes the connection. */
  private static HttpResponse<InputStream> get(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build();
    return new SocketExchange(direct()).send(request, null, UnaryOperator.identity());
  }

  private static HttpTransportConfig direct() {
    return HttpTransportConfig.builder().proxy(ProxySelector.of(null)).build();
  }

  private static UploadBody upload(InputStream source, long size) {
    HttpTransportConfig config = direct();
    return new UploadBody(
        source, size, new StallGuard(config, "PUT", URI.create("http://x/")), total -> {});
  }

  private static BytesArtifact artifact(byte[] image) {
    return new BytesArtifact(
        CatalogEntry.of(
            "fw/image.bin", "2.0.0", InMemoryCatalog.sha256(image), image.length, URI.create("x")),
        image);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static void answer(OutputStream out, String response) throws IOException {
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The Content-Length of a request head, 0 if it has none. */
  static int contentLength(String head) {
    return head.lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
        .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  /** What the peer does with one request once it read its head; returns the body it took. */
  @FunctionalInterface
  private interface Script {
    byte[] serve(String head, InputStream in, OutputStream out) throws IOException;
  }

  /** A device on a raw socket that serves one connection by its script, then closes it. */
  private static final class ScriptedPeer implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final CompletableFuture<String> head = new CompletableFuture<>();
    private final CompletableFuture<byte[]> received = new CompletableFuture<>();

    ScriptedPeer(Script script) throws IOException {
      Thread server =
          new Thread(
              () -> {
                try (Socket socket = listener.accept()) {
                  InputStream in = socket.getInputStream();
                  String request = TricklingPeer.readHead(in);
                  head.complete(request);
                  received.complete(script.serve(request, in, socket.getOutputStream()));
                } catch (IOException e) {
                  head.completeExceptionally(e);
                  received.completeExceptionally(e);
                }
              });
      server.setDaemon(true);
      server.start();
    }

    Client client() {
      return Client.of("stb", URI.create("http://127.0.0.1:" + port()));
    }

    int port() {
      return listener.getLocalPort();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    String head() throws Exception {
      return head.get(30, TimeUnit.SECONDS);
    }

    byte[] received() throws Exception {
      return received.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
