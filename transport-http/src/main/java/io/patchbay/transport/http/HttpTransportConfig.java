package io.patchbay.transport.http;

import io.patchbay.format.JsonLimits;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the HTTP transport talks to head ends and devices: timeouts, retries, TLS, authentication and
 * proxy. Immutable; build with {@link #builder()}, start from {@link #defaults()}.
 */
public final class HttpTransportConfig {

  private static final HttpTransportConfig DEFAULTS = builder().build();

  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration readTimeout;
  private final long minimumBytesPerSecond;
  private final Duration minimumRateWindow;
  private final RetryPolicy retry;
  private final SSLContext sslContext;
  private final TlsConfig deviceTls;
  private final RequestAuthenticator authenticator;
  private final ProxySelector proxy;
  private final JsonLimits documentLimits;
  private final String userAgent;

  private HttpTransportConfig(Builder builder) {
    this.connectTimeout = builder.connectTimeout;
    this.responseTimeout = builder.responseTimeout;
    this.readTimeout = builder.readTimeout;
    this.minimumBytesPerSecond = builder.minimumBytesPerSecond;
    this.minimumRateWindow = builder.minimumRateWindow;
    this.retry = builder.retry;
    this.sslContext = builder.sslContext;
    this.deviceTls = builder.deviceTls;
    this.authenticator = builder.authenticator;
    this.proxy = builder.proxy;
    this.documentLimits = builder.documentLimits;
    this.userAgent = builder.userAgent;
  }

  /**
   * Connect 10 s, response 30 s, read 60 s, at least 1 KiB/s over 30 s, 4 attempts, the JDK's TLS
   * and proxy defaults.
   */
  public static HttpTransportConfig defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long establishing a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long a response's headers may take to arrive after a small request was sent. */
  public Duration responseTimeout() {
    return responseTimeout;
  }

  /**
   * How long a body may go without a byte moving, in either direction, before the exchange is
   * aborted with an {@link java.net.http.HttpTimeoutException}, and how long a device may take to
   * answer an upload it received; the JDK's own timeout stops once headers arrive (JDK-8208693).
   * Unlike the minimum rate, it is retried.
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The slowest a body may move, in bytes per second averaged over {@link #minimumRateWindow()}, in
   * either direction, before the exchange fails with {@link BelowMinimumRateException}; 0 when
   * there is no minimum. The read timeout alone would let a peer that trickles a byte a second hold
   * a gateway thread forever.
   *
   * <p>For a response it counts from the headers until the body is read to the end or closed, so
   * the reader's own pauses count too (Patchbay's readers do not pause). For an upload it counts
   * while the body is sent, except the time the gateway itself holds it up, such as a bandwidth
   * budget throttling it. Such a failure is final: it is not retried and a download is not resumed,
   * since a peer this slow would be as slow again and every attempt would add a window to the time
   * it takes to fail. With the defaults it also ends a body that goes silent, before the read
   * timeout would.
   */
  public long minimumBytesPerSecond() {
    return minimumBytesPerSecond;
  }

  /** How long a body may move below {@link #minimumBytesPerSecond()} before it fails. */
  public Duration minimumRateWindow() {
    return minimumRateWindow;
  }

  /** When and how often failed requests are retried. */
  public RetryPolicy retry() {
    return retry;
  }

  /**
   * The TLS context for {@code https} head ends, such as one trusting an operator's private CA, and
   * for {@code https} devices when no {@link #deviceTls()} is set; otherwise the JDK's default (its
   * public CAs).
   */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /**
   * Mutual TLS with {@code https} devices (interrogation and transfers): the gateway presents its
   * certificate and accepts only device certificates issued by the operator's CA that name the host
   * of the client's URI (an IP address SAN for {@code https://10.0.0.7:8443}). Head ends are not
   * affected: they keep {@link #sslContext()} or the JDK's default trust, since they usually have
   * certificates from public CAs. Plain {@code http} devices stay plain.
   */
  public Optional<TlsConfig> deviceTls() {
    return Optional.ofNullable(deviceTls);
  }

  /** Adds credentials to every request. */
  public RequestAuthenticator authenticator() {
    return authenticator;
  }

  /** The proxy selector, if one was set; otherwise the JDK's default applies. */
  public Optional<ProxySelector> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** The limits on catalogs and manifests received, measured after decompression. */
  public JsonLimits documentLimits() {
    return documentLimits;
  }

  /** The {@code User-Agent} sent with every request. */
  public String userAgent() {
    return userAgent;
  }

  /** Builds an {@link HttpTransportConfig}; not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(60);
    private long minimumBytesPerSecond = 1024;
    private Duration minimumRateWindow = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.defaults();
    private SSLContext sslContext;
    private TlsConfig deviceTls;
    private RequestAuthenticator authenticator = RequestAuthenticator.NONE;
    private ProxySelector proxy;
    private JsonLimits documentLimits = JsonLimits.defaults();
    private String userAgent = "patchbay/1";

    private Builder() {}

    /** See {@link HttpTransportConfig#connectTimeout()}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /** See {@link HttpTransportConfig#responseTimeout()}. */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout);
      return this;
    }

    /** See {@link HttpTransportConfig#readTimeout()}. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout);
      return this;
    }

    /**
     * See {@link HttpTransportConfig#minimumBytesPerSecond()}; {@code bytesPerSecond} 0 sets no
     * minimum. A short window fails a body at the first hiccup of the network, so keep it at
     * several seconds at least.
     *
     * @throws IllegalArgumentException if the rate is negative or the window not positive
     */
    public Builder minimumRate(long bytesPerSecond, Duration window) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("Minimum rate must not be negative: " + bytesPerSecond);
      }
      this.minimumBytesPerSecond = bytesPerSecond;
      this.minimumRateWindow = positive(window);
      return this;
    }

    /** See {@link HttpTransportConfig#retry()}. */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    /** See {@link HttpTransportConfig#sslContext()}. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext);
      return this;
    }

    /** See {@link HttpTransportConfig#deviceTls()}. */
    public Builder deviceTls(TlsConfig deviceTls) {
      this.deviceTls = Objects.requireNonNull(deviceTls);
      return this;
    }

    /** See {@link HttpTransportConfig#authenticator()}. */
    public Builder authenticator(RequestAuthenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator);
      return this;
    }

    /** See {@link HttpTransportConfig#proxy()}. */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy);
      return this;
    }

    /** See {@link HttpTransportConfig#documentLimits()}. */
    public Builder documentLimits(JsonLimits limits) {
      this.documentLimits = Objects.requireNonNull(limits);
      return this;
    }

    /** See {@link HttpTransportConfig#userAgent()}. */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent);
      return this;
    }

    /** Builds the configuration. */
    public HttpTransportConfig build() {
      return new HttpTransportConfig(this);
    }

    private static Duration positive(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("Timeout must be positive: " + timeout);
      }
      return timeout;
    }
  }
}
