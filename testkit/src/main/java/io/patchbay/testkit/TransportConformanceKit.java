package io.patchbay.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.plan.Action;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.TransportProvider;
import io.patchbay.spi.Transports;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustException;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.UpdateOrchestrator;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every transport owes the gateway, as a JUnit 5 test class to subclass: a transport
 * module's test extends it, says how to start its head end and its reference device, and inherits
 * every check (in the spirit of Micrometer's {@code MeterRegistryCompatibilityKit}).
 *
 * <p>The head end must serve every file under its root, including the catalog's signature file
 * {@code catalog.json.sig}. The kit talks to real endpoints the subclass starts (on loopback, in a
 * temporary directory it is given) and closes them after each test. It needs JUnit Jupiter on the
 * test class path.
 */
public abstract class TransportConformanceKit {

  /** A running head end or device started for one test; closed by the kit after it. */
  public interface Endpoint extends AutoCloseable {

    /**
     * Where the gateway reaches it: a device's endpoint, or a head end's base (a directory URI).
     */
    URI uri();

    /** Stops it and releases its port. */
    @Override
    void close() throws IOException;

    /** An endpoint at {@code uri} that {@code stop} shuts down. */
    static Endpoint of(URI uri, Closeable stop) {
      return new Endpoint() {
        @Override
        public URI uri() {
          return uri;
        }

        @Override
        public void close() throws IOException {
          stop.close();
        }
      };
    }
  }

  private static final byte[] PLAYER_1 = bytes("player 1.0.0 ", 1_000);
  private static final byte[] PLAYER_2 = bytes("player 2.0.0 ", 30_000);
  private static final KeyPair OPERATOR = Ed25519Keys.generate();
  private static final String REPOSITORY = "conformance";

  private final List<Endpoint> started = new ArrayList<>();

  @TempDir Path home;

  /** The transport under test, configured as the subclass wants the checks run (timeouts, ...). */
  protected abstract TransportProvider provider();

  /** Starts a head end that serves the files under {@code root}, which the kit fills. */
  protected abstract Endpoint startHeadEnd(Path root) throws IOException;

  /**
   * Starts a reference device, holding no files yet, that keeps its state in {@code directory} and
   * installs only what {@code trust} lets it.
   */
  protected abstract Endpoint startDevice(Path directory, DeviceTrust trust) throws IOException;

  @AfterEach
  void stopEndpoints() throws IOException {
    for (Endpoint endpoint : started) {
      endpoint.close();
    }
  }

  /** How the transport is found. */
  @Nested
  class Discovery {

    @Test
    void serviceLoaderFindsTheTransportForEachOfItsSchemes() throws IOException {
      Transports transports = Transports.load();

      assertFalse(provider().schemes().isEmpty(), "a transport serves at least one scheme");
      for (String scheme : provider().schemes()) {
        assertInstanceOf(provider().getClass(), transports.forScheme(scheme), scheme);
      }
    }
  }

  /** The device side: interrogation and transfer. */
  @Nested
  class Device {

    @Test
    void aNewDeviceReportsAnEmptyList() throws IOException {
      Client device = device("stb-1");

      assertEquals(0, provider().interrogator().interrogate(device).size());
    }

    @Test
    void aTransferredFileIsReportedWithItsVersionDigestAndSize() throws IOException {
      Client device = device("stb-1");
      CatalogEntry entry = entry("bin/player", "2.0.0", PLAYER_2);
      AtomicLong lastProgress = new AtomicLong();

      provider().transferer().transfer(device, artifact(entry, PLAYER_2), lastProgress::set);

      Manifest reported = provider().interrogator().interrogate(device);
      assertEquals(List.of(entry.toFileEntry()), List.copyOf(reported.entries()));
      assertEquals(PLAYER_2.length, lastProgress.get(), "progress ends at the file's size");
    }

    @Test
    void aNewerVersionReplacesTheOlderOne() throws IOException {
      Client device = device("stb-1");
      provider()
          .transferer()
          .transfer(device, artifact(entry("bin/player", "1.0.0", PLAYER_1), PLAYER_1), n -> {});

      provider()
          .transferer()
          .transfer(device, artifact(entry("bin/player", "2.0.0", PLAYER_2), PLAYER_2), n -> {});

      FileEntry reported =
          provider().interrogator().interrogate(device).find("bin/player").orElseThrow();
      assertEquals("2.0.0", reported.version());
      assertEquals(PLAYER_2.length, reported.size());
    }

    @Test
    void bytesThatDoNotMatchTheDigestAreRefusedAndNotInstalled() throws IOException {
      Client device = device("stb-1");
      provider()
          .transferer()
          .transfer(device, artifact(entry("bin/player", "1.0.0", PLAYER_1), PLAYER_1), n -> {});
      CatalogEntry claimed = entry("bin/player", "2.0.0", PLAYER_2);
      byte[] corrupt = PLAYER_2.clone();
      corrupt[corrupt.length / 2] ^= 1;

      TransferRejectedException refused =
          assertThrows(
              TransferRejectedException.class,
              () -> provider().transferer().transfer(device, artifact(claimed, corrupt), n -> {}));

      assertEquals(TransferRejectedException.Reason.DIGEST_MISMATCH, refused.reason());
      assertEquals(
          "1.0.0",
          provider().interrogator().interrogate(device).find("bin/player").orElseThrow().version(),
          "the device still holds the version it had");
    }

    @Test
    void theDevicesStateDirectoryIsReservedInAnyCase() throws IOException {
      Client device = device("stb-1");
      for (String name : List.of(".patchbay/manifest.json", ".PATCHBAY/x", ".PatchBay")) {
        CatalogEntry entry = entry(name, "1.0.0", PLAYER_1);

        TransferRejectedException refused =
            assertThrows(
                TransferRejectedException.class,
                () -> provider().transferer().transfer(device, artifact(entry, PLAYER_1), n -> {}),
                name);

        assertEquals(TransferRejectedException.Reason.INVALID_NAME, refused.reason(), name);
      }
      assertEquals(0, provider().interrogator().interrogate(device).size());
    }
  }

  /** The head-end side: the catalog and the artifacts. */
  @Nested
  class HeadEnd {

    @Test
    void theCatalogIsReadAsPublished() throws IOException {
      Published published = publish(entry("bin/player", "2.0.0", PLAYER_2));

      assertEquals(published.catalog(), published.source().fetch());
    }

    @Test
    void anArtifactStreamsAsPublishedFromTheStartOrFromAnOffset() throws IOException {
      CatalogEntry entry = entry("bin/player", "2.0.0", PLAYER_2);
      CentralCatalog source = publish(entry).source();
      int offset = PLAYER_2.length - 1_234;

      try (ArtifactStream whole = source.openArtifact(entry)) {
        assertEquals(0, whole.start());
        assertArrayEquals(PLAYER_2, whole.readAllBytes());
        assertTrue(whole.received() >= PLAYER_2.length, "received counts every byte delivered");
      }
      try (ArtifactStream rest = source.openArtifact(entry, ResumePoint.at(offset))) {
        // A transport that cannot send a range sends the whole artifact, and says so.
        assertTrue(
            rest.start() == offset || rest.start() == 0,
            "starts at the offset or at 0: " + rest.start());
        assertArrayEquals(
            Arrays.copyOfRange(PLAYER_2, (int) rest.start(), PLAYER_2.length), rest.readAllBytes());
        assertTrue(
            rest.received() >= PLAYER_2.length - rest.start(),
            "received counts every byte delivered");
      }
    }

    @Test
    void aSignedCatalogIsReadWithItsSignatureFileAndChecked() throws IOException {
      Published published = publish(entry("bin/player", "2.0.0", PLAYER_2));
      URI catalogUri = published.uri();
      CatalogVerifier verifier =
          CatalogVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
              .requireExpiry(false)
              .build();

      Catalog verified = verifier.guard(catalogUri, published.source()).fetch();
      assertTrue(verified.isVerified(), "the verifier attaches its provenance");
      assertEquals(
          published.catalog().entries().stream().toList(), verified.entries().stream().toList());

      Files.writeString(
          published.file(), Files.readString(published.file()).replace("2.0.0", "6.6.6"));
      TrustException tampered =
          assertThrows(
              TrustException.class,
              () -> verifier.guard(catalogUri, provider().catalog(catalogUri)).fetch());
      assertEquals(TrustException.Refusal.NOT_SIGNED, tampered.refusal());
    }

    @Test
    void aMissingArtifactIsAnError() throws IOException {
      CatalogEntry missing =
          CatalogEntry.of(
              "bin/gone",
              "1.0.0",
              InMemoryCatalog.sha256(PLAYER_1),
              PLAYER_1.length,
              URI.create("artifacts/not-there.bin"));
      CentralCatalog source = publish(entry("bin/player", "2.0.0", PLAYER_2)).source();

      assertThrows(IOException.class, () -> readAll(source.openArtifact(missing)));
    }
  }

  /**
   * A device that trusts the head end's keys, as the transport carries each file's proof: it
   * installs what was signed, and refuses the rest with {@link TransferRejectedException} while its
   * files stay as they were.
   */
  @Nested
  class Trust {

    @Test
    void aSignedFileWithItsProofIsInstalled() throws IOException {
      Client device = verifyingDevice("stb-1");
      SignedRelease release = SignedRelease.serial(1).file("bin/player", "2.0.0").build();

      provider().transferer().transfer(device, release.artifact("bin/player"), n -> {});

      assertEquals(
          release.catalog().find("bin/player").orElseThrow().toFileEntry(),
          provider().interrogator().interrogate(device).find("bin/player").orElseThrow());
    }

    @Test
    void aFileWithoutProofIsRefusedAndNothingChanges() throws IOException {
      Client device = verifyingDevice("stb-1");
      SignedRelease release = SignedRelease.serial(1).file("bin/player", "2.0.0").build();

      assertRefused(device, release.artifact("bin/player", Optional.empty()));
    }

    @Test
    void anotherFilesProofIsRefusedAndNothingChanges() throws IOException {
      Client device = verifyingDevice("stb-1");
      SignedRelease release =
          SignedRelease.serial(1).file("bin/player", "2.0.0").file("bin/shell", "1.0.0").build();

      assertRefused(device, release.artifact("bin/player", release.proof("bin/shell")));
    }

    @Test
    void anOlderSerialAfterANewerOneIsRefused() throws IOException {
      Client device = verifyingDevice("stb-1");
      SignedRelease older = SignedRelease.serial(1).file("bin/player", "1.0.0").build();
      SignedRelease newer = SignedRelease.serial(2).file("bin/player", "2.0.0").build();
      provider().transferer().transfer(device, newer.artifact("bin/player"), n -> {});

      assertRefused(device, older.artifact("bin/player"));
    }

    @Test
    void aReleaseForAnotherRepositoryIsRefused() throws IOException {
      Client device = verifyingDevice("stb-1");
      SignedRelease staging =
          SignedRelease.serial(1).repository("staging").file("bin/player", "2.0.0").build();

      assertRefused(device, staging.artifact("bin/player"));
    }

    private void assertRefused(Client device, Artifact artifact) throws IOException {
      Manifest before = provider().interrogator().interrogate(device);

      assertThrows(
          TransferRejectedException.class,
          () -> provider().transferer().transfer(device, artifact, n -> {}));
      assertEquals(before, provider().interrogator().interrogate(device), "nothing installed");
    }
  }

  /** The whole update, through the orchestrator. */
  @Nested
  class Update {

    @Test
    void theGatewayUpdatesADeviceAndConfirmsIt() throws IOException {
      Client device = device("stb-1");
      provider()
          .transferer()
          .transfer(device, artifact(entry("bin/player", "1.0.0", PLAYER_1), PLAYER_1), n -> {});
      CatalogEntry newer = entry("bin/player", "2.0.0", PLAYER_2);
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .catalog(publish(newer).source())
              .interrogator(provider().interrogator())
              .transferer(provider().transferer())
              .allowUnsigned()
              .build();

      UpdateReport first = gateway.update(device);
      UpdateReport second = gateway.update(device);

      assertTrue(first.succeeded(), first::toString);
      assertEquals(
          newer.toFileEntry(),
          provider().interrogator().interrogate(device).find("bin/player").orElseThrow());
      assertTrue(second.succeeded(), second::toString);
      assertEquals(
          Action.UP_TO_DATE,
          second.plan().files().get(0).action(),
          "nothing left to do the second time");
    }
  }

  private Client device(String id) throws IOException {
    return device(id, DeviceTrust.insecure());
  }

  private Client device(String id, DeviceTrust trust) throws IOException {
    return Client.of(
        id, start(startDevice(Files.createDirectories(home.resolve(id)), trust)).uri());
  }

  /** A device that installs only what {@link SignedRelease#OPERATOR} signed for its repository. */
  private Client verifyingDevice(String id) throws IOException {
    ProofVerifier verifier =
        ProofVerifier.builder(
                TrustPolicy.of(1, List.of(SignedRelease.OPERATOR.getPublic())),
                SignedRelease.REPOSITORY)
            .serials(SerialStore.directory(home.resolve(id + "-trust")))
            .build();
    return device(id, DeviceTrust.verifiedBy(verifier));
  }

  private record Published(Catalog catalog, CentralCatalog source, URI uri, Path file) {}

  /** Starts a head end serving a catalog of {@code entry} and its artifact, {@link #PLAYER_2}. */
  private Published publish(CatalogEntry entry) throws IOException {
    Path root = Files.createDirectories(home.resolve("head-end"));
    Path artifact = root.resolve(entry.location().getPath());
    Files.createDirectories(artifact.getParent());
    Files.write(artifact, PLAYER_2);
    Catalog catalog = Catalog.of(1, entry).withRepository(REPOSITORY);
    Path file = root.resolve("catalog.json");
    try (OutputStream out = Files.newOutputStream(file)) {
      CatalogJson.write(catalog, out);
    }
    Files.write(
        root.resolve("catalog.json.sig"),
        SignatureFiles.of(Files.readAllBytes(file), List.of(OPERATOR)));
    URI uri = start(startHeadEnd(root)).uri().resolve("catalog.json");
    return new Published(catalog, provider().catalog(uri), uri, file);
  }

  private Endpoint start(Endpoint endpoint) {
    started.add(endpoint);
    return endpoint;
  }

  private static CatalogEntry entry(String name, String version, byte[] content) {
    return CatalogEntry.of(
        name,
        version,
        InMemoryCatalog.sha256(content),
        content.length,
        URI.create("artifacts/" + name.replace('/', '-') + "-" + version + ".bin"));
  }

  private static Artifact artifact(CatalogEntry entry, byte[] content) {
    return new BytesArtifact(entry, content);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String text, int times) {
    return text.repeat(times).getBytes(StandardCharsets.UTF_8);
  }
}
