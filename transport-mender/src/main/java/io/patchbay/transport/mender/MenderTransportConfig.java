package io.patchbay.transport.mender;

import io.patchbay.internal.jetty.ConnectionLimits;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Mender transport serves the Mender device API: where it listens, which devices it admits,
 * how long it waits for them, and what it accepts from them (docs/protocol-mender.md, "Limits").
 * Immutable; build with {@link #builder(InetSocketAddress)}.
 */
public final class MenderTransportConfig {

  private final InetSocketAddress listen;
  private final URI advertisedUri;
  private final DeviceAdmission admission;
  private final String identityAttribute;
  private final Duration pollTimeout;
  private final Duration installTimeout;
  private final Duration logWait;
  private final DeviceLimits limits;
  private final PrivateKey signingKey;
  private final String wrapInstallDirectory;
  private final Path workDirectory;

  private MenderTransportConfig(Builder builder) {
    this.listen = builder.listen;
    this.advertisedUri = builder.advertisedUri;
    this.admission = builder.admission;
    this.identityAttribute = builder.identityAttribute;
    this.pollTimeout = builder.pollTimeout;
    this.installTimeout = builder.installTimeout;
    this.logWait = builder.logWait;
    this.limits = builder.limits();
    this.signingKey = builder.signingKey;
    this.wrapInstallDirectory = builder.wrapInstallDirectory;
    this.workDirectory = builder.workDirectory;
  }

  /**
   * Starts from the defaults, serving on {@code listen}: a LAN address of the gateway, or port 0
   * for any free port (tests).
   */
  public static Builder builder(InetSocketAddress listen) {
    return new Builder(listen);
  }

  /** Where the device-API server listens. */
  public InetSocketAddress listen() {
    return listen;
  }

  /**
   * The origin devices are told to download artifacts from, such as {@code
   * http://192.168.1.1:8490}; empty to use the server's own ({@code http://} its listen address).
   */
  public Optional<URI> advertisedUri() {
    return Optional.ofNullable(advertisedUri);
  }

  /** Which devices may authenticate. */
  public DeviceAdmission admission() {
    return admission;
  }

  /**
   * The attribute of a device's identity that names it: {@code mender://VALUE} is the device whose
   * identity script prints {@code ATTRIBUTE=VALUE}.
   */
  public String identityAttribute() {
    return identityAttribute;
  }

  /**
   * How long interrogation waits for a device's next poll (when it was not seen yet, or has not
   * polled since its last deployment), and a transfer for the device to fetch the deployment it is
   * offered. Longer than the devices' {@code UpdatePollIntervalSeconds}.
   */
  public Duration pollTimeout() {
    return pollTimeout;
  }

  /** How long a device may take from fetching a deployment to reporting its outcome. */
  public Duration installTimeout() {
    return installTimeout;
  }

  /** How long a failed transfer waits for the device's log after its {@code failure} status. */
  public Duration logWait() {
    return logWait;
  }

  /** What the server accepts from devices. */
  DeviceLimits limits() {
    return limits;
  }

  /**
   * The key the gateway signs the artifacts it wraps with (RSA or ECDSA P-256, as {@code
   * mender-artifact sign} does); empty to leave them unsigned.
   */
  public Optional<PrivateKey> signingKey() {
    return Optional.ofNullable(signingKey);
  }

  /**
   * The absolute directory on the devices that plain files are installed into, by the artifacts the
   * gateway wraps around them ({@code bin/player} into {@code DIRECTORY/bin/player}); empty if the
   * gateway wraps nothing, and only {@code .mender} catalog entries can be offered.
   */
  public Optional<String> wrapInstallDirectory() {
    return Optional.ofNullable(wrapInstallDirectory);
  }

  /**
   * Where the gateway writes the artifacts it wraps while devices download them; empty for a
   * temporary directory of its own, deleted when the transport closes.
   */
  public Optional<Path> workDirectory() {
    return Optional.ofNullable(workDirectory);
  }

  /** Builds a {@link MenderTransportConfig}; not thread-safe. */
  public static final class Builder {
    private final InetSocketAddress listen;
    private URI advertisedUri;
    private DeviceAdmission admission;
    private String identityAttribute = "mac";
    private Duration pollTimeout = Duration.ofMinutes(35);
    private Duration installTimeout = Duration.ofMinutes(30);
    private Duration logWait = Duration.ofSeconds(10);
    private int maxDevices = 4096;
    private int maxRequestBytes = 64 * 1024;
    private int maxLogBytes = 1024 * 1024;
    private int maxAttributes = 128;
    private int maxValueLength = 1024;
    private int maxConnections = 512;
    private int maxConnectionsPerPeer = 32;
    private int maxRequestsPerPeer = 4;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration headerTimeout = Duration.ofSeconds(10);
    private PrivateKey signingKey;
    private String wrapInstallDirectory;
    private Path workDirectory;

    private Builder(InetSocketAddress listen) {
      this.listen = Objects.requireNonNull(listen, "listen");
    }

    /** Tells devices to download from this origin; default: the server's own. */
    public Builder advertisedUri(URI origin) {
      if (origin.getScheme() == null || origin.getHost() == null) {
        throw new IllegalArgumentException("advertisedUri must be an absolute http URI: " + origin);
      }
      this.advertisedUri = origin;
      return this;
    }

    /** Which devices may authenticate; required, there is no default. */
    public Builder admission(DeviceAdmission admission) {
      this.admission = Objects.requireNonNull(admission, "admission");
      return this;
    }

    /** The identity attribute that names a device; default {@code mac}. */
    public Builder identityAttribute(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("identityAttribute must not be blank");
      }
      this.identityAttribute = name;
      return this;
    }

    /**
     * How long to wait for a device's next poll; default 35 minutes, above the client's default
     * poll interval of 30.
     */
    public Builder pollTimeout(Duration timeout) {
      this.pollTimeout = positive(timeout, "pollTimeout");
      return this;
    }

    /** How long a device may take to install once it fetched a deployment; default 30 minutes. */
    public Builder installTimeout(Duration timeout) {
      this.installTimeout = positive(timeout, "installTimeout");
      return this;
    }

    /** How long to wait for a failed device's log; default 10 seconds. */
    public Builder logWait(Duration timeout) {
      this.logWait = positive(timeout, "logWait");
      return this;
    }

    /** The most devices known at once; default 4096. Past it, new devices are refused. */
    public Builder maxDevices(int devices) {
      this.maxDevices = atLeastOne(devices, "maxDevices");
      return this;
    }

    /** The largest JSON request body except logs; default 64 KiB. */
    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = atLeastOne(bytes, "maxRequestBytes");
      return this;
    }

    /** The largest deployment log a device may upload; default 1 MiB. */
    public Builder maxLogBytes(int bytes) {
      this.maxLogBytes = atLeastOne(bytes, "maxLogBytes");
      return this;
    }

    /**
     * The most identity, inventory or provides attributes in one request; default 128. A value
     * longer than {@code maxValueLength} characters (default 1024) is refused too.
     */
    public Builder maxAttributes(int attributes, int maxValueLength) {
      this.maxAttributes = atLeastOne(attributes, "maxAttributes");
      this.maxValueLength = atLeastOne(maxValueLength, "maxValueLength");
      return this;
    }

    /**
     * Connections open at once in all (default 512), and requests handled at once for one remote
     * address (default 4; more wait).
     */
    public Builder connections(int total, int requestsPerPeer) {
      this.maxConnections = atLeastOne(total, "maxConnections");
      this.maxRequestsPerPeer = atLeastOne(requestsPerPeer, "maxRequestsPerPeer");
      return this;
    }

    /**
     * Connections open at once from one remote address; default 32, room for many devices behind
     * one NAT. More are closed as soon as they are accepted, so that one address cannot take every
     * connection.
     */
    public Builder connectionsPerPeer(int connections) {
      this.maxConnectionsPerPeer = atLeastOne(connections, "maxConnectionsPerPeer");
      return this;
    }

    /**
     * How long a connection may take to deliver a request's complete header, counted from when it
     * opens or its previous response was sent; default 10 seconds. A peer that sends its header a
     * byte now and then (slow loris) is cut off unanswered.
     */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive(timeout, "headerTimeout");
      return this;
    }

    /** How long a connection may send or take nothing, also mid-body; default 30 seconds. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /** Signs the artifacts the gateway wraps with {@code key}; default unsigned. */
    public Builder signingKey(PrivateKey key) {
      this.signingKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Wraps plain files (catalog entries that are not {@code .mender}) into single-file artifacts
     * that install them under {@code directory} on the devices; default: no wrapping.
     */
    public Builder wrapPlainFiles(String directory) {
      if (directory == null
          || !directory.startsWith("/")
          || directory.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "The install directory must be an absolute path on the devices: " + directory);
      }
      this.wrapInstallDirectory =
          directory.length() > 1 && directory.endsWith("/")
              ? directory.substring(0, directory.length() - 1)
              : directory;
      return this;
    }

    /** Writes wrapped artifacts in {@code directory}; default: a temporary directory. */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalStateException if no admission was set
     */
    public MenderTransportConfig build() {
      if (admission == null) {
        throw new IllegalStateException(
            "Set an admission: DeviceAdmission.identities(...), keys(...) or acceptAll()");
      }
      return new MenderTransportConfig(this);
    }

    private DeviceLimits limits() {
      return new DeviceLimits(
          maxDevices,
          maxRequestBytes,
          maxLogBytes,
          maxAttributes,
          maxValueLength,
          new ConnectionLimits(headerTimeout, idleTimeout, maxConnectionsPerPeer, maxConnections),
          maxRequestsPerPeer);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
      return duration;
    }

    private static int atLeastOne(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1: " + value);
      }
      return value;
    }
  }
}
