package io.patchbay.transport.http;

import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.format.JsonLimits;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * How the HTTP transport talks to head ends and devices: timeouts, retries, TLS, credentials, the
 * origins a head end's requests may reach, redirects, document limits and proxy. Immutable; build
 * with {@link #builder()}, start from {@link #defaults()}.
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
  private final Set<Origin> headEndOrigins;
  private final RequestAuthenticator deviceAuthenticator;
  private final Set<Origin> artifactOrigins;
  private final int maxRedirects;
  private final ProxySelector proxy;
  private final JsonLimits catalogLimits;
  private final JsonLimits manifestLimits;
  private final long maxDiscardBytes;
  private final long readAheadBytes;
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
    this.headEndOrigins = Collections.unmodifiableSet(builder.headEndOrigins);
    this.deviceAuthenticator = builder.deviceAuthenticator;
    this.artifactOrigins = Collections.unmodifiableSet(builder.artifactOrigins);
    this.maxRedirects = builder.maxRedirects;
    this.proxy = builder.proxy;
    this.catalogLimits = builder.catalogLimits;
    this.manifestLimits = builder.manifestLimits;
    this.maxDiscardBytes = builder.maxDiscardBytes;
    this.readAheadBytes = builder.readAheadBytes;
    this.userAgent = builder.userAgent;
  }

  /**
   * Connect 10 s, response 30 s, read 60 s, at least 1 KiB/s over 30 s, 4 attempts, no credentials,
   * artifacts from the catalog's origin only, at most 5 redirects, {@link JsonLimits#defaults()}
   * for catalogs and {@link JsonLimits#deviceManifests()} for manifests, 64 KiB of an unwanted body
   * read before its connection is closed, the JDK's TLS and proxy defaults.
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

  /**
   * The head end's credentials: added to the requests for the catalog, its signatures and its
   * artifacts, but only those to the catalog URI's origin (scheme, host and port) and to {@link
   * #headEndOrigins()}, and again at each redirect hop that stays there. Never sent to devices, to
   * other artifact origins, or after a redirect to another origin. None by default.
   */
  public RequestAuthenticator authenticator() {
    return authenticator;
  }

  /**
   * Origins besides the catalog's own that belong to the head end: they receive {@link
   * #authenticator()}'s credentials and may be reached; empty by default. Each is given as a URI of
   * which only the scheme, host and port count.
   */
  public List<URI> headEndOrigins() {
    return uris(headEndOrigins);
  }

  /**
   * The devices' credentials, added to requests to a device's own origin only (interrogation and
   * transfers). None by default; the head end's are never sent to a device.
   */
  public RequestAuthenticator deviceAuthenticator() {
    return deviceAuthenticator;
  }

  /**
   * Origins besides the catalog's own (and {@link #headEndOrigins()}) that a head end's requests
   * may reach: artifact locations and redirect targets, such as a CDN. Requested without
   * credentials. Anything else is refused with {@link OriginNotAllowedException} before a
   * connection is opened. Empty by default.
   */
  public List<URI> artifactOrigins() {
    return uris(artifactOrigins);
  }

  /**
   * The most redirects followed in a row for one {@code GET}, each hop checked against the allowed
   * origins and given credentials only on the head end's (or device's) own; 5 by default, 0 refuses
   * every redirect with {@link RedirectRefusedException}. A redirect from {@code https} to {@code
   * http} is never followed; a redirect of any other method is answered as the status it is.
   */
  public int maxRedirects() {
    return maxRedirects;
  }

  Set<Origin> headEndOriginSet() {
    return headEndOrigins;
  }

  Set<Origin> artifactOriginSet() {
    return artifactOrigins;
  }

  private static List<URI> uris(Set<Origin> origins) {
    return origins.stream().map(Origin::toUri).toList();
  }

  /** The proxy selector, if one was set; otherwise the JDK's default applies. */
  public Optional<ProxySelector> proxy() {
    return Optional.ofNullable(proxy);
  }

  /**
   * The limits on catalogs received from head ends, measured after decompression; {@link
   * JsonLimits#defaults()} by default. A catalog document opened for a verifier is cut off past its
   * {@link JsonLimits#maxDocumentBytes()} with {@link DocumentTooLargeException}.
   */
  public JsonLimits catalogLimits() {
    return catalogLimits;
  }

  /**
   * The limits on the manifests devices report, small since any device on the network can send one;
   * {@link JsonLimits#deviceManifests()} by default.
   */
  public JsonLimits manifestLimits() {
    return manifestLimits;
  }

  /**
   * The most bytes read of a body the transport does not need (a redirect's, a transfer's answer)
   * to keep its connection for reuse; past it the connection is closed instead. 64 KiB by default.
   */
  public long maxDiscardBytes() {
    return maxDiscardBytes;
  }

  /**
   * The most bytes of a response body received ahead of its reader, per exchange: a download
   * arrives while the gateway digests and writes what came before, with this much memory at most
   * (plus one buffer list of the JDK's client, about 16 KiB). 1 MiB by default. It applies to
   * exchanges through the JDK's client ({@code https}, or through a proxy); plain {@code http} on a
   * direct route is read from a blocking socket, which the kernel's receive buffer reads ahead of.
   */
  public long readAheadBytes() {
    return readAheadBytes;
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
    private Set<Origin> headEndOrigins = Set.of();
    private RequestAuthenticator deviceAuthenticator = RequestAuthenticator.NONE;
    private Set<Origin> artifactOrigins = Set.of();
    private int maxRedirects = 5;
    private ProxySelector proxy;
    private JsonLimits catalogLimits = JsonLimits.defaults();
    private JsonLimits manifestLimits = JsonLimits.deviceManifests();
    private long maxDiscardBytes = 64 * 1024;
    private long readAheadBytes = 1024 * 1024;
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

    /**
     * See {@link HttpTransportConfig#headEndOrigins()}; replaces any set before.
     *
     * @throws IllegalArgumentException if one is not an absolute {@code http} or {@code https} URI
     */
    public Builder headEndOrigins(Collection<URI> origins) {
      this.headEndOrigins = origins(origins);
      return this;
    }

    /** See {@link HttpTransportConfig#deviceAuthenticator()}. */
    public Builder deviceAuthenticator(RequestAuthenticator authenticator) {
      this.deviceAuthenticator = Objects.requireNonNull(authenticator);
      return this;
    }

    /**
     * See {@link HttpTransportConfig#artifactOrigins()}; replaces any set before.
     *
     * @throws IllegalArgumentException if one is not an absolute {@code http} or {@code https} URI
     */
    public Builder artifactOrigins(Collection<URI> origins) {
      this.artifactOrigins = origins(origins);
      return this;
    }

    /**
     * See {@link HttpTransportConfig#maxRedirects()}.
     *
     * @throws IllegalArgumentException if {@code redirects} is negative or more than 20
     */
    public Builder maxRedirects(int redirects) {
      if (redirects < 0 || redirects > 20) {
        throw new IllegalArgumentException("Redirects must be from 0 to 20: " + redirects);
      }
      this.maxRedirects = redirects;
      return this;
    }

    /** See {@link HttpTransportConfig#proxy()}. */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy);
      return this;
    }

    /** See {@link HttpTransportConfig#catalogLimits()}. */
    public Builder catalogLimits(JsonLimits limits) {
      this.catalogLimits = Objects.requireNonNull(limits);
      return this;
    }

    /** See {@link HttpTransportConfig#manifestLimits()}. */
    public Builder manifestLimits(JsonLimits limits) {
      this.manifestLimits = Objects.requireNonNull(limits);
      return this;
    }

    /**
     * See {@link HttpTransportConfig#maxDiscardBytes()}.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder maxDiscardBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("Discard limit must not be negative: " + bytes);
      }
      this.maxDiscardBytes = bytes;
      return this;
    }

    /**
     * See {@link HttpTransportConfig#readAheadBytes()}.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder readAheadBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("Read-ahead must be positive: " + bytes);
      }
      this.readAheadBytes = bytes;
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

    private static Set<Origin> origins(Collection<URI> uris) {
      Set<Origin> origins = new LinkedHashSet<>();
      for (URI uri : uris) {
        origins.add(Origin.of(uri));
      }
      return origins;
    }

    private static Duration positive(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("Timeout must be positive: " + timeout);
      }
      return timeout;
    }
  }
}
