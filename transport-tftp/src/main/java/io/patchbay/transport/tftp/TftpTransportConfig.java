package io.patchbay.transport.tftp;

import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.format.JsonLimits;
import io.patchbay.model.FileNames;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the TFTP transport talks to head ends and devices: per-packet timeout and retries, block and
 * window sizes, document limits, where artifacts may come from, and how a device is asked and
 * awaited. Immutable; build with {@link #builder()}, start from {@link #defaults()}.
 */
public final class TftpTransportConfig {

  /** The default name of a device's manifest file. */
  public static final String DEFAULT_MANIFEST_NAME = "patchbay-manifest.json";

  private static final TftpTransportConfig DEFAULTS = builder().build();

  private final Duration timeout;
  private final int retries;
  private final int blockSize;
  private final int windowSize;
  private final Duration answerPoll;
  private final JsonLimits catalogLimits;
  private final JsonLimits manifestLimits;
  private final List<TftpOrigin> artifactOrigins;
  private final String manifestName;
  private final Duration confirmTimeout;
  private final Duration confirmPollInterval;

  private TftpTransportConfig(Builder builder) {
    this.timeout = builder.timeout;
    this.retries = builder.retries;
    this.blockSize = builder.blockSize;
    this.windowSize = builder.windowSize;
    this.answerPoll = builder.answerPoll;
    this.catalogLimits = builder.catalogLimits;
    this.manifestLimits = builder.manifestLimits;
    this.artifactOrigins = List.copyOf(builder.artifactOrigins);
    this.manifestName = builder.manifestName;
    this.confirmTimeout = builder.confirmTimeout;
    this.confirmPollInterval = builder.confirmPollInterval;
  }

  /**
   * 1 s timeout, 5 retries, 1,428-byte blocks, windows of 8, default JSON limits for catalogs and
   * {@link JsonLimits#deviceManifests()} for manifests, artifacts only from the catalog's own
   * server, 30 s to confirm.
   */
  public static TftpTransportConfig defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long each packet is awaited before the last one is sent again. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * How often the last packet is sent again before a transfer fails; so a silent peer is given up
   * after about {@code timeout * (retries + 1)}.
   */
  public int retries() {
    return retries;
  }

  /** The block size asked for (RFC 2348); 512 asks for none. */
  public int blockSize() {
    return blockSize;
  }

  /** The window asked for (RFC 7440). */
  public int windowSize() {
    return windowSize;
  }

  /**
   * How long a wait for a fast device's answer may poll the socket before it sleeps; zero never
   * polls. See {@link TftpClient.Builder#answerPoll(Duration)}.
   */
  public Duration answerPoll() {
    return answerPoll;
  }

  /** The limits on a head end's catalog. */
  public JsonLimits catalogLimits() {
    return catalogLimits;
  }

  /**
   * The limits on a device's manifest: any device on the LAN can send one, so they are small by
   * default. The transfer stops as soon as a manifest is over them.
   */
  public JsonLimits manifestLimits() {
    return manifestLimits;
  }

  /**
   * The servers, besides the catalog's own, that artifact locations may name, such as {@code
   * tftp://10.0.0.5:69}: a catalog entry naming any other is refused before a datagram is sent
   * ({@link OriginNotAllowedException}).
   */
  public List<URI> artifactOrigins() {
    return artifactOrigins.stream().map(TftpOrigin::uri).toList();
  }

  /** {@link #artifactOrigins()} as parsed. */
  List<TftpOrigin> allowedOrigins() {
    return artifactOrigins;
  }

  /** The file a device serves its manifest as (docs/protocol-tftp.md). */
  public String manifestName() {
    return manifestName;
  }

  /**
   * How long a device may take to confirm a committed file before the transfer counts as
   * unconfirmed.
   */
  public Duration confirmTimeout() {
    return confirmTimeout;
  }

  /** How long to wait between reads of a commit result that is not there yet. */
  public Duration confirmPollInterval() {
    return confirmPollInterval;
  }

  /** The TFTP client these settings describe. */
  TftpClient client() {
    return clientFor(timeout, retries, blockSize, windowSize, answerPoll);
  }

  private static TftpClient clientFor(
      Duration timeout, int retries, int blockSize, int windowSize, Duration answerPoll) {
    return TftpClient.builder()
        .timeout(timeout)
        .retries(retries)
        .blockSize(blockSize)
        .windowSize(windowSize)
        .answerPoll(answerPoll)
        .build();
  }

  @Override
  public String toString() {
    return "TftpTransportConfig[timeout="
        + timeout
        + ", retries="
        + retries
        + ", blockSize="
        + blockSize
        + ", windowSize="
        + windowSize
        + ", answerPoll="
        + answerPoll
        + ", catalogLimits="
        + catalogLimits
        + ", manifestLimits="
        + manifestLimits
        + ", artifactOrigins="
        + artifactOrigins
        + ", manifestName="
        + manifestName
        + ", confirmTimeout="
        + confirmTimeout
        + ", confirmPollInterval="
        + confirmPollInterval
        + "]";
  }

  /** Builds a {@link TftpTransportConfig}; not thread-safe. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(1);
    private int retries = 5;
    private int blockSize = 1428;
    private int windowSize = 8;
    private Duration answerPoll = AnswerPoll.DEFAULT_LIMIT;
    private JsonLimits catalogLimits = JsonLimits.defaults();
    private JsonLimits manifestLimits = JsonLimits.deviceManifests();
    private final List<TftpOrigin> artifactOrigins = new ArrayList<>();
    private String manifestName = DEFAULT_MANIFEST_NAME;
    private Duration confirmTimeout = Duration.ofSeconds(30);
    private Duration confirmPollInterval = Duration.ofMillis(200);

    private Builder() {}

    /** See {@link TftpTransportConfig#timeout()}; 1 ms to 255 s, defaults to 1 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** See {@link TftpTransportConfig#retries()}; 0 to 100, defaults to 5. */
    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /** See {@link TftpTransportConfig#blockSize()}; 8 to 65,464, defaults to 1,428. */
    public Builder blockSize(int bytes) {
      this.blockSize = bytes;
      return this;
    }

    /**
     * See {@link TftpTransportConfig#windowSize()}; 1 to {@value TftpClient#MAX_WINDOW_SIZE},
     * defaults to 8.
     */
    public Builder windowSize(int blocks) {
      this.windowSize = blocks;
      return this;
    }

    /** See {@link TftpTransportConfig#answerPoll()}; 0 to 1 ms, defaults to 100 us. */
    public Builder answerPoll(Duration limit) {
      this.answerPoll = Objects.requireNonNull(limit);
      return this;
    }

    /**
     * See {@link TftpTransportConfig#catalogLimits()}; defaults to {@link JsonLimits#defaults()}.
     */
    public Builder catalogLimits(JsonLimits limits) {
      this.catalogLimits = Objects.requireNonNull(limits);
      return this;
    }

    /**
     * See {@link TftpTransportConfig#manifestLimits()}; defaults to {@link
     * JsonLimits#deviceManifests()}.
     */
    public Builder manifestLimits(JsonLimits limits) {
      this.manifestLimits = Objects.requireNonNull(limits);
      return this;
    }

    /**
     * Allows artifact locations on these servers too, each a {@code tftp://host[:port]} URI (port
     * 69 when absent; a path is ignored), added to those allowed already; see {@link
     * TftpTransportConfig#artifactOrigins()}. Hosts are compared as written, never resolved.
     *
     * @throws IllegalArgumentException if one is not a {@code tftp} URI with a host
     */
    public Builder artifactOrigins(URI... origins) {
      for (URI origin : origins) {
        artifactOrigins.add(TftpOrigin.of(origin));
      }
      return this;
    }

    /**
     * See {@link TftpTransportConfig#manifestName()}; defaults to {@value #DEFAULT_MANIFEST_NAME}.
     */
    public Builder manifestName(String name) {
      this.manifestName = Objects.requireNonNull(name);
      return this;
    }

    /** See {@link TftpTransportConfig#confirmTimeout()}; at least zero, defaults to 30 s. */
    public Builder confirmTimeout(Duration timeout) {
      this.confirmTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** See {@link TftpTransportConfig#confirmPollInterval()}; positive, defaults to 200 ms. */
    public Builder confirmPollInterval(Duration interval) {
      this.confirmPollInterval = Objects.requireNonNull(interval);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a value is out of its range or the manifest name is not a
     *     valid file name
     */
    public TftpTransportConfig build() {
      // The client's builder holds the ranges of the engine's settings; one place for each rule.
      clientFor(timeout, retries, blockSize, windowSize, answerPoll);
      FileNames.requireValid(manifestName);
      if (confirmTimeout.isNegative()
          || confirmPollInterval.isNegative()
          || confirmPollInterval.isZero()) {
        throw new IllegalArgumentException(
            "The confirmation timeout must not be negative and the poll interval must"
                + " be positive: "
                + confirmTimeout
                + ", "
                + confirmPollInterval);
      }
      return new TftpTransportConfig(this);
    }
  }
}
