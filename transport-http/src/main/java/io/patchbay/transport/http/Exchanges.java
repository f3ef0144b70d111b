package io.patchbay.transport.http;

import io.patchbay.PatchbayException;
import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.spi.AbortSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP exchange of the transport shares: the way it goes out, redirects followed under a
 * {@link Scope} (credentials and allowed origins checked at each hop), guarded bodies, status rules
 * and the retry loop. Plain {@code http} on a direct route goes on a blocking socket ({@link
 * SocketExchange}); {@code https} and proxied routes through one {@link HttpClient}, made on first
 * use.
 *
 * <p>No exchange depends on interrupts to end: on JDK 17 an interrupt of a thread reading an {@code
 * HttpClient} body is swallowed. Each exchange through the JDK's client is sent asynchronously and
 * waited for, so the caller's {@link AbortSignal} can cancel it; a socket exchange is closed by the
 * signal. Each response body is a {@link GuardedInputStream}, which the signal and the stall guard
 * close from another thread. Bodies through the JDK's client are received ahead of their reader, up
 * to {@link HttpTransportConfig#readAheadBytes()} ({@link ReadAheadBody}).
 */
final class Exchanges {

  private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

  private final Supplier<HttpClient> client;
  private final HttpTransportConfig config;

  /** The exchanges with head ends: the config's SSL context, or the JDK's default. */
  static Exchanges forHeadEnds(HttpTransportConfig config) {
    return new Exchanges(
        config,
        () -> {
          HttpClient.Builder builder = clientBuilder(config);
          config.sslContext().ifPresent(builder::sslContext);
          return builder.build();
        });
  }

  /**
   * The exchanges with devices: with the config's device TLS if it has one (its own client and
   * connection pool), otherwise the same as {@code headEnds}.
   */
  static Exchanges forDevices(HttpTransportConfig config, Exchanges headEnds) {
    if (config.deviceTls().isEmpty()) {
      return headEnds;
    }
    TlsConfig tls = config.deviceTls().get();
    // The JDK's client checks that the certificate names the URI's host (IP address SANs for
    // literal addresses): a device certificate is bound to the address the gateway dials.
    return new Exchanges(
        config,
        () ->
            clientBuilder(config)
                .sslContext(tls.sslContext())
                .sslParameters(tls.parameters())
                .build());
  }

  /**
   * @param client makes the JDK's client on first use: plain {@code http} never needs it, and
   *     building one loads the JDK's TLS defaults and trusted certificates
   */
  private Exchanges(HttpTransportConfig config, Supplier<HttpClient> client) {
    this.config = config;
    this.client = new Memoized<>(client);
  }

  private static HttpClient.Builder clientBuilder(HttpTransportConfig config) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            // The JDK would carry every header, credentials included, to any origin a redirect
            // names; send() follows redirects itself, hop by hop, under the request's Scope.
            .followRedirects(HttpClient.Redirect.NEVER);
    config.proxy().ifPresent(builder::proxy);
    return builder;
  }

  HttpTransportConfig config() {
    return config;
  }

  /**
   * A request to {@code uri} with the transport's headers, without credentials: {@link #send} adds
   * them per hop, as its {@link Scope} allows. Plain {@code http} speaks HTTP/1.1, as the device
   * protocol says, without the JDK's {@code Upgrade: h2c} offer; {@code https} may still agree on
   * HTTP/2 through ALPN.
   */
  HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("User-Agent", config.userAgent());
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    return request;
  }

  /**
   * Sends {@code request} within {@code scope} and waits for the final response's headers,
   * following up to {@link HttpTransportConfig#maxRedirects()} redirects of a {@code GET}; its body
   * is guarded by the read timeout, the minimum rate and the caller's {@link AbortSignal}, which
   * also cancels the wait.
   *
   * @throws OriginNotAllowedException if the request or a redirect hop names an origin {@code
   *     scope} does not allow, before connecting to it
   * @throws RedirectRefusedException if a redirect is not followed
   * @throws InterruptedIOException if the thread is interrupted or the signal aborts
   */
  HttpResponse<InputStream> send(HttpRequest request, Scope scope) throws IOException {
    return send(request, scope, (UploadBody) null);
  }

  /**
   * Like {@link #send(HttpRequest, Scope)}, for a request whose body is {@code upload} (the
   * request's own publisher is {@link UploadBody#publisher()}): if the body stalls, the exchange is
   * cancelled and fails with its guard's error. Over plain {@code http} on a direct route it is
   * written on a blocking socket ({@link SocketExchange}), otherwise sent by the JDK's client.
   */
  HttpResponse<InputStream> send(HttpRequest request, Scope scope, UploadBody upload)
      throws IOException {
    HttpRequest hop = request;
    for (int redirects = 0; ; redirects++) {
      scope.requireAllowed(hop.uri(), redirects == 0 ? "request to" : "redirect to");
      HttpResponse<InputStream> response = sendOnce(scope.authenticated(hop), upload);
      if (!isRedirect(response) || !hop.method().equals("GET")) {
        return response;
      }
      URI target = redirectTarget(response, hop.uri(), redirects);
      // A fresh copy of the request without credentials: the scope adds them again if the next
      // hop is on a credentialed origin.
      hop = HttpRequest.newBuilder(hop, (name, value) -> true).uri(target).build();
    }
  }

  /** Redirects that name a new target in {@code Location} (RFC 9110, section 15.4). */
  private static boolean isRedirect(HttpResponse<InputStream> response) {
    return switch (response.statusCode()) {
      case 301, 302, 303, 307, 308 -> true;
      default -> false;
    };
  }

  /**
   * The next hop of a redirect from {@code from}, its body discarded, unless it is one too many,
   * names no valid URI or leaves {@code https} for {@code http}.
   */
  private URI redirectTarget(HttpResponse<InputStream> response, URI from, int followed)
      throws RedirectRefusedException {
    String location = response.headers().firstValue("Location").orElse(null);
    discard(response);
    if (followed >= config.maxRedirects()) {
      throw new RedirectRefusedException(
          from,
          location,
          RedirectRefusedException.Reason.TOO_MANY,
          "more than " + config.maxRedirects() + " redirects");
    }
    URI target;
    try {
      target = from.resolve(new URI(location == null ? "" : location.trim()));
    } catch (URISyntaxException e) {
      target = null;
    }
    if (location == null || target == null || target.getScheme() == null) {
      throw new RedirectRefusedException(
          from,
          location,
          RedirectRefusedException.Reason.INVALID_LOCATION,
          "its Location is not a URI");
    }
    if ("https".equalsIgnoreCase(from.getScheme())
        && !"https".equalsIgnoreCase(target.getScheme())) {
      throw new RedirectRefusedException(
          from,
          location,
          RedirectRefusedException.Reason.DOWNGRADE,
          "it leaves https for " + target.getScheme());
    }
    return target;
  }

  /** One exchange, no redirects followed. */
  private HttpResponse<InputStream> sendOnce(HttpRequest given, UploadBody upload)
      throws IOException {
    // Nothing else watches a request that is not an upload until its head arrives (an upload's
    // guard does, and a timeout would cut a long upload): it gets the response timeout if its
    // caller set none.
    HttpRequest request =
        upload != null || given.timeout().isPresent()
            ? given
            : HttpRequest.newBuilder(given, (name, value) -> true)
                .timeout(config.responseTimeout())
                .build();
    AbortSignal signal = AbortSignal.current();
    if ((upload != null
            || request.bodyPublisher().map(body -> body.contentLength() == 0).orElse(true))
        && SocketExchange.serves(request.uri(), config)) {
      return sendOnSocket(request, upload, signal);
    }
    CompletableFuture<HttpResponse<InputStream>> response =
        client
            .get()
            .sendAsync(
                request,
                headers ->
                    BodySubscribers.mapping(
                        new ReadAheadBody(config.readAheadBytes()),
                        body -> guarded(body, request, signal)));
    if (upload != null) {
      upload.guard().onStall(() -> response.cancel(true));
    }
    AbortSignal.Registration abort = signal.onAbort(() -> response.cancel(true));
    try {
      return response.get();
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted during " + exchange(request));
    } catch (CancellationException | ExecutionException e) {
      // Cancelling surfaces either way, depending on where the client was.
      throw failure(request, signal, upload, e, e.getCause());
    } finally {
      abort.close();
    }
  }

  /**
   * {@link #sendOnce} on a blocking socket: an upload's guard and the signal close it to stop it.
   */
  private HttpResponse<InputStream> sendOnSocket(
      HttpRequest request, UploadBody upload, AbortSignal signal) throws IOException {
    SocketExchange exchange = new SocketExchange(config);
    if (upload != null) {
      upload.guard().onStall(exchange::close);
    }
    AbortSignal.Registration abort = signal.onAbort(exchange::close);
    try {
      return exchange.send(request, upload, body -> guarded(body, request, signal));
    } catch (IOException e) {
      throw failure(request, signal, upload, e, e);
    } finally {
      abort.close();
    }
  }

  /** A response body as every exchange hands it out: guarded by the config and the signal. */
  private InputStream guarded(InputStream body, HttpRequest request, AbortSignal signal) {
    return new GuardedInputStream(body, config, request.method(), request.uri(), signal);
  }

  /**
   * What a failed exchange reports, whichever way it was sent: the abort or the stalled upload that
   * ended it if one did, otherwise {@code cause}, saying which peer failed where the JDK's
   * exception does not.
   */
  private static IOException failure(
      HttpRequest request, AbortSignal signal, UploadBody upload, Exception e, Throwable cause) {
    String exchange = exchange(request);
    if (signal.isAborted()) {
      InterruptedIOException aborted =
          new InterruptedIOException(exchange + " aborted: " + signal.reason());
      aborted.initCause(e);
      return aborted;
    }
    if (upload != null && upload.guard().tripped()) {
      return upload.guard().failure(e);
    }
    if (cause instanceof ConnectException refused) {
      // The JDK's has no message and no address; say what could not be reached.
      return (ConnectException)
          new ConnectException("Cannot connect to " + request.uri()).initCause(refused);
    }
    if (cause instanceof SSLHandshakeException handshake) {
      // The JDK's names no peer; say which one refused, or was refused.
      return new TlsHandshakeException(request.uri(), handshake);
    }
    if (cause instanceof IOException io) {
      return io;
    }
    return new IOException(exchange + " failed", cause != null ? cause : e);
  }

  private static String exchange(HttpRequest request) {
    return request.method() + " " + request.uri();
  }

  /** One try of a request; throws {@link TransientException} for what is worth retrying. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, or the retry policy is exhausted.
   * Connection failures and {@link TransientException}s are retried; {@link HttpStatusException},
   * interruption and aborts, a body below the minimum rate, failed TLS handshakes and Patchbay's
   * own rule violations are not.
   */
  <T> T withRetries(String what, Attempt<T> attempt) throws IOException {
    RetryPolicy policy = config.retry();
    for (int attempted = 1; ; attempted++) {
      try {
        return attempt.run();
      } catch (HttpStatusException
          | InterruptedIOException
          | BelowMinimumRateException
          | SSLHandshakeException
          | PatchbayException e) {
        // Refusals, cancellation, trickling peers, untrusted certificates and broken rules do not
        // heal by retrying.
        throw e;
      } catch (IOException e) {
        if (attempted >= policy.maxAttempts()) {
          throw e instanceof TransientException temporary ? temporary.toStatusException() : e;
        }
        Duration wait = waitBefore(attempted + 1, policy, e);
        LOG.debug(
            "{} failed (attempt {} of {}), retrying in {} ms: {}",
            what,
            attempted,
            policy.maxAttempts(),
            wait.toMillis(),
            e.toString());
        sleep(wait, what);
      }
    }
  }

  private static Duration waitBefore(int attempt, RetryPolicy policy, IOException failure)
      throws IOException {
    Duration backoff = policy.backoff(attempt - 1);
    if (failure instanceof TransientException temporary && temporary.retryAfter != null) {
      if (temporary.retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
        throw new HttpStatusException(
            temporary.uri,
            temporary.status,
            "Retry-After "
                + temporary.retryAfter.toSeconds()
                + " s exceeds the limit of "
                + policy.maxRetryAfter().toSeconds()
                + " s");
      }
      return temporary.retryAfter.compareTo(backoff) > 0 ? temporary.retryAfter : backoff;
    }
    return backoff;
  }

  private static void sleep(Duration wait, String what) throws InterruptedIOException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to retry " + what);
    }
  }

  /**
   * Accepts a {@code 2xx} response; otherwise closes the body and throws what {@link #failure}
   * says.
   */
  static HttpResponse<InputStream> requireSuccess(HttpResponse<InputStream> response)
      throws IOException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    throw failure(response, Problem.readIfAny(response));
  }

  /**
   * The error for a failed response: a {@link TransientException} for {@code 429} and {@code 5xx},
   * an {@link HttpStatusException} for anything else.
   */
  static IOException failure(HttpResponse<InputStream> response, Problem problem) {
    int status = response.statusCode();
    String detail = problem == null ? null : problem.explanation();
    if (status == 429 || status >= 500) {
      return new TransientException(response.uri(), status, detail, retryAfter(response.headers()));
    }
    return new HttpStatusException(response.uri(), status, detail);
  }

  /**
   * Closes a response body we are not going to read: reads up to {@link
   * HttpTransportConfig#maxDiscardBytes()} of it so its connection can be reused, and closes the
   * connection if there is more, so a peer cannot keep us reading.
   */
  void discard(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      byte[] buffer = new byte[8192];
      long left = config.maxDiscardBytes();
      // One byte past the limit tells a body that ends there from a longer one.
      for (int n = 0; n >= 0 && left >= 0; left -= n) {
        n = body.read(buffer, 0, (int) Math.min(buffer.length - 1, left) + 1);
      }
    } catch (IOException e) {
      LOG.debug("Discarding the body of {} failed: {}", response.uri(), e.toString());
    }
  }

  /** Parses {@code Retry-After}, in seconds or as an HTTP date (RFC 9110, section 10.2.3). */
  static Duration retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /**
   * A failure worth retrying: {@code 429} or {@code 5xx}, with the server's {@code Retry-After}.
   */
  static final class TransientException extends IOException {
    final URI uri;
    final int status;
    final String detail;
    final Duration retryAfter;

    TransientException(URI uri, int status, String detail, Duration retryAfter) {
      super("HTTP " + status + " from " + uri);
      this.uri = uri;
      this.status = status;
      this.detail = detail;
      this.retryAfter = retryAfter;
    }

    /** What the caller sees once retries are exhausted. */
    HttpStatusException toStatusException() {
      HttpStatusException error = new HttpStatusException(uri, status, detail);
      error.initCause(this);
      return error;
    }
  }

  /** A value made once, on first use, by whichever thread asks first. */
  private static final class Memoized<T> implements Supplier<T> {
    private final Supplier<T> make;
    private T value;

    Memoized(Supplier<T> make) {
      this.make = make;
    }

    @Override
    public synchronized T get() {
      if (value == null) {
        value = make.get();
      }
      return value;
    }
  }
}
