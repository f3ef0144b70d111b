package io.patchbay.transport.mender;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.fetch.Artifact;
import io.patchbay.internal.Untrusted;
import io.patchbay.internal.jetty.LimitedServer;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.spi.TransportProvider;
import io.patchbay.transfer.Transferer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mender transport: the gateway serves the Mender device API on its LAN, so that unmodified
 * Mender clients (3.4) are interrogated and updated like any Patchbay client
 * (docs/protocol-mender.md). A client {@code mender://ID} is the device whose identity attribute
 * ({@link MenderTransportConfig#identityAttribute()}, {@code mac} by default) is {@code ID}.
 *
 * <p>Interrogation reads what the device provided in its latest poll, waiting for its next poll if
 * it has not been seen yet or not since its last deployment. A transfer offers the device a
 * deployment on its next poll and blocks until it reports {@code success} (returns) or {@code
 * failure} ({@link DeploymentFailedException}, with its log), or a deadline passes ({@link
 * DeviceSilentException}). The device downloads the artifact from the gateway, out of the gateway's
 * cache, so many devices cost the head end one download. A catalog entry whose location ends in
 * {@code .mender} is an operator-built Mender artifact, offered unchanged: the device checks its
 * signature itself.
 *
 * <p>Create it with {@link #start(MenderTransportConfig)}, pass it to {@link
 * io.patchbay.spi.Transports#of(TransportProvider...)}, and close it when done: it owns a server.
 * The instance {@link java.util.ServiceLoader} makes serves nothing and fails each {@code mender}
 * client with {@link MenderConfigurationException}. Thread-safe.
 */
public final class MenderTransport implements TransportProvider, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MenderTransport.class);
  private static final String MENDER_SUFFIX = ".mender";

  private final MenderTransportConfig config;
  private final Devices devices;
  private final LimitedServer server;
  private final URI origin;
  private final Wraps wraps;
  private final Path temporaryWork;

  /**
   * The transport as {@link java.util.ServiceLoader} creates it: it knows the {@code mender} scheme
   * but listens nowhere, so every {@code mender} client fails with {@link
   * MenderConfigurationException}. Use {@link #start(MenderTransportConfig)}.
   */
  public MenderTransport() {
    this.config = null;
    this.devices = null;
    this.server = null;
    this.origin = null;
    this.wraps = null;
    this.temporaryWork = null;
  }

  private MenderTransport(MenderTransportConfig config) throws IOException {
    this.config = config;
    this.devices = new Devices(config.admission(), config.limits().maxDevices());
    this.temporaryWork =
        config.wrapInstallDirectory().isPresent() && config.workDirectory().isEmpty()
            ? Files.createTempDirectory("patchbay-mender")
            : null;
    this.wraps =
        config
            .wrapInstallDirectory()
            .map(
                directory ->
                    new Wraps(
                        config.workDirectory().orElse(temporaryWork),
                        directory,
                        config.signingKey().orElse(null)))
            .orElse(null);
    DeviceApi api =
        new DeviceApi(
            devices,
            config.limits(),
            config.identityAttribute(),
            config.pollTimeout().plus(config.installTimeout()));
    this.server = DeviceApiServer.start(config.listen(), config.limits(), api);
    this.origin = config.advertisedUri().orElse(server.origin());
    api.origin(origin);
    if (config.admission().acceptsAll()) {
      LOG.warn(
          "The Mender device API on {} admits EVERY device that asks (accept-all): for labs only."
              + " Any machine on this network can pose as any device.",
          server.origin());
    }
    LOG.info("Serving the Mender device API on {}", server.origin());
  }

  /**
   * Starts the device-API server of {@code config}.
   *
   * @throws IOException if its address cannot be bound
   */
  public static MenderTransport start(MenderTransportConfig config) throws IOException {
    return new MenderTransport(config);
  }

  /**
   * The origin devices reach the gateway at, such as {@code http://192.168.1.1:8490}: their {@code
   * ServerURL}.
   *
   * @throws MenderConfigurationException if this instance serves nothing
   */
  public URI origin() {
    requireServing();
    return origin;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("mender");
  }

  @Override
  public ClientInterrogator interrogator() {
    return client -> {
      requireServing();
      String id = deviceId(client);
      return Provides.manifest(id, devices.awaitProvides(id, config.pollTimeout()));
    };
  }

  @Override
  public Transferer transferer() {
    return this::transfer;
  }

  /**
   * Always fails: the {@code mender} scheme names devices; catalogs come from {@code http(s)} or
   * {@code tftp} head ends.
   *
   * @throws MenderConfigurationException always
   */
  @Override
  public CentralCatalog catalog(URI catalogUri) {
    throw new MenderConfigurationException(
        "mender:// names devices, not head ends: read the catalog "
            + catalogUri
            + " over http, https or tftp");
  }

  /** The device-API server; for tests of its limits. */
  LimitedServer server() {
    return server;
  }

  /** Stops the device-API server; devices' requests then fail until another one serves them. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (temporaryWork != null) {
      try (Stream<Path> left = Files.list(temporaryWork)) {
        for (Path file : left.toList()) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(temporaryWork);
      } catch (IOException e) {
        LOG.warn("Cannot delete the work directory {}: {}", temporaryWork, e.toString());
      }
    }
  }

  private void transfer(Client client, Artifact artifact, LongConsumer progress)
      throws IOException {
    requireServing();
    String id = deviceId(client);
    try (Payload payload = payload(id, artifact)) {
      devices.deploy(
          id, payload, progress, config.pollTimeout(), config.installTimeout(), config.logWait());
    }
  }

  private Payload payload(String id, Artifact artifact) throws IOException {
    CatalogEntry entry = artifact.entry();
    String path = entry.location().getPath();
    if (path != null && path.endsWith(MENDER_SUFFIX)) {
      return passThrough(artifact);
    }
    if (wraps == null) {
      throw new MenderConfigurationException(
          "The catalog entry "
              + Untrusted.quote(entry.name())
              + " is a plain file, not a .mender artifact, and wrapping plain files is not"
              + " configured (MenderTransportConfig.Builder.wrapPlainFiles)");
    }
    String deviceType = devices.deviceType(id);
    if (deviceType == null) {
      // Not seen yet, or it never said: its next poll may tell.
      deviceType = devices.awaitProvides(id, config.pollTimeout()).get("device_type");
    }
    if (deviceType == null) {
      throw new DeviceSilentException(id, "report its device_type", config.pollTimeout());
    }
    return wraps.wrap(artifact, deviceType);
  }

  private static Payload passThrough(Artifact artifact) throws IOException {
    CatalogEntry entry = artifact.entry();
    ArtifactHeader header;
    try (InputStream in = artifact.open()) {
      header = ArtifactHeader.read(in, entry.name());
    }
    boolean providesEntry =
        header.provides().entrySet().stream()
            .anyMatch(
                provide ->
                    Provides.fileName(provide.getKey()).filter(entry.name()::equals).isPresent()
                        && provide.getValue().equals(entry.version()));
    if (!providesEntry) {
      throw new InvalidMenderArtifactException(
          entry.name(),
          "it provides "
              + header.provides()
              + ", not "
              + Untrusted.quote(entry.name())
              + " at version "
              + Untrusted.quote(entry.version())
              + " (rootfs-image."
              + entry.name()
              + ".version), so the update could never be confirmed");
    }
    return new Payload() {
      @Override
      public String artifactName() {
        return header.name();
      }

      @Override
      public List<String> deviceTypes() {
        return header.deviceTypes();
      }

      @Override
      public long size() {
        return entry.size();
      }

      @Override
      public InputStream open() throws IOException {
        return artifact.open();
      }
    };
  }

  private void requireServing() {
    if (server == null) {
      throw new MenderConfigurationException(
          "This Mender transport serves no device API: start one with"
              + " MenderTransport.start(config) (patchbay update --mender-listen HOST:PORT)");
    }
  }

  /**
   * The device a {@code mender://ID} client names.
   *
   * @throws IllegalArgumentException if the endpoint is not of that form
   */
  static String deviceId(Client client) {
    URI endpoint = client.endpoint();
    String id = endpoint.getAuthority();
    if (id == null
        || id.isBlank()
        || !(endpoint.getPath() == null || endpoint.getPath().isEmpty())
        || endpoint.getQuery() != null) {
      throw new IllegalArgumentException(
          "A Mender client's endpoint is mender://DEVICE-ID, not " + endpoint);
    }
    return id;
  }
}
