package io.patchbay.cli;

import io.patchbay.device.DeviceAgent;
import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.JsonLimits;
import io.patchbay.format.SignatureJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedStatement;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import io.patchbay.transport.http.TlsConfig;
import io.patchbay.transport.tftp.TftpDeviceAgent;
import io.patchbay.trust.CatalogSigner;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay demo}: the whole system in one process on loopback. A static head end serves a
 * catalog, signed at start with a fresh key that the gateway trusts, and artifacts; simulated
 * clients (reference device agents, over HTTPS with mutual TLS and over TFTP) hold older versions;
 * a gateway updates them all and reports. The TLS certificates are made at start ({@link
 * DemoCertificates}) unless {@code --tls-*} options give them. The devices trust the operator's key
 * and install only what it signed.
 */
@Command(
    name = "demo",
    description = "Update a small simulated fleet from an embedded head end, on loopback.")
final class DemoCommand implements Callable<Integer> {

  /** The repository id the demo head end signs its catalog for. */
  static final String DEMO_REPOSITORY = "patchbay-demo";

  @Spec CommandSpec spec;

  @Option(
      names = "--clients",
      defaultValue = "4",
      paramLabel = "N",
      description = "Simulated HTTP clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--tftp-clients",
      defaultValue = "2",
      paramLabel = "N",
      description = "Simulated TFTP clients (default ${DEFAULT-VALUE}).")
  int tftpClients;

  @Option(
      names = "--artifact-size",
      defaultValue = "2MiB",
      paramLabel = "SIZE",
      description = "Size of the largest artifact (default ${DEFAULT-VALUE}).")
  String artifactSize;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Keep the head end, devices and cache here (default: a temporary directory, deleted after).")
  Path directory;

  @Option(
      names = "--keep-running",
      description = "Keep the head end and devices running after the update, until interrupted.")
  boolean keepRunning;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Mixin TlsOptions tls;

  @Override
  public Integer call() throws Exception {
    if (clients < 0 || tftpClients < 0 || clients + tftpClients < 1) {
      throw new ParameterException(
          spec.commandLine(), "--clients and --tftp-clients must not be negative, and not both 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean temporary = directory == null;
    Path home =
        temporary
            ? Files.createTempDirectory("patchbay-demo-")
            : Files.createDirectories(directory);
    List<DeviceAgent> devices = new ArrayList<>();
    List<Client> fleet = new ArrayList<>();
    KeyPair operator = Ed25519Keys.generate();
    Path published = publish(home.resolve("head-end"), Sizes.parse(artifactSize), operator);
    TlsConfig deviceTls;
    TlsConfig gatewayTls;
    String tlsSource;
    if (tls.given()) {
      // One certificate for both sides: it must name 127.0.0.1 and allow both uses.
      deviceTls = tls.forDevice(spec).orElseThrow();
      gatewayTls = deviceTls;
      tlsSource = tls.ca.toString();
    } else {
      DemoCertificates.Files made = DemoCertificates.generate(home.resolve("tls"));
      deviceTls =
          TlsConfig.builder(made.ca()).identity(made.deviceCertificate(), made.deviceKey()).build();
      gatewayTls =
          TlsConfig.builder(made.ca())
              .identity(made.gatewayCertificate(), made.gatewayKey())
              .build();
      tlsSource = made.ca() + ", made at start";
    }
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(published)) {
      Path devicesHome = home.resolve("devices");
      for (int i = 1; i <= clients; i++) {
        Path deviceHome = devicesHome.resolve("stb-" + i);
        DeviceAgent device =
            HttpDeviceAgent.builder(deviceHome, trustingTheOperator(deviceHome, operator))
                .tls(deviceTls)
                .start();
        devices.add(device);
        fleet.add(seeded("stb-" + i, device, fleet.size()));
      }
      for (int i = 1; i <= tftpClients; i++) {
        Path deviceHome = devicesHome.resolve("tftp-stb-" + i);
        DeviceAgent device =
            TftpDeviceAgent.start(deviceHome, 0, trustingTheOperator(deviceHome, operator));
        devices.add(device);
        fleet.add(seeded("tftp-stb-" + i, device, fleet.size()));
      }
      URI catalogUri = headEnd.uri("catalog.json");
      say(
          out,
          "Head end at "
              + catalogUri
              + ", signed by key "
              + Ed25519Keys.keyId(operator.getPublic())
              + "; "
              + clients
              + " HTTPS (mutual TLS, CA "
              + tlsSource
              + ") and "
              + tftpClients
              + " TFTP clients holding older versions");
      Transports transports =
          Patchbay.transports(spec, TransportSettings.of(Optional.of(gatewayTls)));
      CatalogVerifier trustingTheOperator =
          CatalogVerifier.builder(TrustPolicy.of(1, List.of(operator.getPublic())), DEMO_REPOSITORY)
              .build();
      UpdateOrchestrator.Builder gateway =
          UpdateOrchestrator.builder()
              .catalog(trustingTheOperator.guard(catalogUri, transports.catalog(catalogUri)))
              .transports(transports)
              .artifactStore(ArtifactCache.open(home.resolve("gateway-cache"), 1L << 30));
      if (!json) {
        gateway.listener(new Progress(out, Progress.onTerminal()));
      }
      FleetReport report = gateway.build().updateAll(fleet);
      Optional<Throwable> catalogError = CommandFailure.catalogError(report);
      if (json) {
        ReportPrinter.json(report, out);
      } else if (catalogError.isEmpty()) {
        ReportPrinter.table(report, out);
      }
      if (catalogError.isPresent()) {
        throw CommandFailure.unusableCatalog(catalogUri, catalogError.get());
      }
      if (keepRunning) {
        say(
            out,
            "Still running (Ctrl-C stops): catalog "
                + catalogUri
                + ", devices "
                + fleet.stream().map(Client::endpoint).toList());
        new CountDownLatch(1).await();
      }
      return ExitCodes.ofRun(!report.succeeded(), !report.anomalous().isEmpty());
    } finally {
      for (DeviceAgent device : devices) {
        device.close();
      }
      if (temporary) {
        deleteTree(home);
      }
    }
  }

  /**
   * What a demo device trusts: the operator's key for the demo repository, its accepted statement
   * kept in its own directory as {@code patchbay device} keeps it.
   */
  private static DeviceTrust trustingTheOperator(Path device, KeyPair operator) throws IOException {
    return DeviceTrust.verifiedBy(
        ProofVerifier.builder(TrustPolicy.of(1, List.of(operator.getPublic())), DEMO_REPOSITORY)
            .serials(SerialStore.directory(DeviceTrustOptions.defaultState(device)))
            .build());
  }

  private void say(PrintWriter out, String line) {
    if (!json) {
      out.println(line);
      out.flush();
    }
  }

  /**
   * Writes the newer artifacts, their catalog and its signature file; returns the head end's
   * directory.
   */
  private static Path publish(Path headEnd, long largest, KeyPair operator) throws IOException {
    Files.createDirectories(headEnd.resolve("artifacts"));
    List<CatalogEntry> entries =
        List.of(
            artifact(headEnd, "bin/player", "2.1.0", largest, 1),
            artifact(headEnd, "fw/tuner.bin", "5.0.0", Math.max(1, largest / 2), 2),
            artifact(headEnd, "etc/channels.json", "1.4.0", Math.max(1, largest / 64), 3));
    Path catalog = headEnd.resolve("catalog.json");
    try (OutputStream out = Files.newOutputStream(catalog)) {
      CatalogJson.write(
          Catalog.of(1, Instant.now().plus(Duration.ofDays(1)), "semver", entries)
              .withRepository(DEMO_REPOSITORY),
          out);
    }
    SignedStatement signed;
    try (InputStream in = Files.newInputStream(catalog)) {
      signed =
          CatalogSigner.sign(
              CatalogSigner.statement(in, JsonLimits.defaults()), List.of(operator), List.of());
    }
    try (OutputStream out = Files.newOutputStream(headEnd.resolve("catalog.json.sig"))) {
      SignatureJson.write(signed, out);
    }
    return headEnd;
  }

  private static CatalogEntry artifact(
      Path headEnd, String name, String version, long size, long seed) throws IOException {
    String file = name.replace('/', '-') + "-" + version + ".bin";
    MessageDigest digest = VerifyingCopy.newSha256();
    Random random = new Random(seed);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(headEnd.resolve("artifacts").resolve(file))) {
      for (long left = size; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, left);
        digest.update(chunk, 0, n);
        out.write(chunk, 0, n);
      }
    }
    return CatalogEntry.of(
        name, version, Sha256.of(digest.digest()), size, URI.create("artifacts/" + file));
  }

  /**
   * Puts older versions on device {@code number} (every other one lacks the channel list); returns
   * it as a client.
   */
  private static Client seeded(String id, DeviceAgent device, int number) throws IOException {
    device.install("bin/player", number % 2 == 0 ? "2.0.0" : "1.9.3", text("old player"));
    device.install("fw/tuner.bin", "4.2.0", text("old tuner firmware"));
    if (number % 2 == 0) {
      device.install("etc/channels.json", "1.3.0", text("{\"channels\": []}"));
    }
    return Client.of(id, device.endpoint());
  }

  private static ByteArrayInputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
