package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.format.FormatException;
import io.patchbay.format.JsonLimits;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway takes from a device or a catalog before trusting it: a device's manifest is read
 * within small limits and only as far as they go, and a catalog entry may send the gateway only to
 * the servers allowed for artifacts.
 */
class EdgeLimitsTest {

  private static final Duration QUIET = Duration.ofMillis(400);
  private static final Sha256 ANY = Sha256.parse("a".repeat(64));

  @TempDir Path root;

  @Test
  void manifestsAndCatalogsHaveTheirOwnLimitsSmallOnesForDevices() {
    TftpTransportConfig defaults = TftpTransportConfig.defaults();

    assertThat(defaults.manifestLimits()).isEqualTo(JsonLimits.deviceManifests());
    assertThat(defaults.catalogLimits()).isEqualTo(JsonLimits.defaults());
  }

  @Test
  void aManifestOverItsLimitFailsTooLargeAfterReadingOnlyABoundedPart() throws Exception {
    int limit = 16 * 1024;
    byte[] huge =
        ("{\"schemaVersion\":1,\"files\":[" + " ".repeat(4 << 20) + "]}")
            .getBytes(StandardCharsets.UTF_8);
    AtomicLong served = new AtomicLong();
    ServedFiles device =
        new ServedFiles() {
          @Override
          public Download openRead(String name) {
            return new Download(counted(new ByteArrayInputStream(huge), served), huge.length);
          }

          @Override
          public Upload openWrite(String name, long announcedSize, InetAddress client)
              throws IOException {
            throw new Refusal(TftpErrorCode.ACCESS_VIOLATION, "read-only");
          }
        };
    TftpTransport transport =
        new TftpTransport(
            TftpTransportConfig.builder()
                .manifestLimits(JsonLimits.deviceManifests().withMaxDocumentBytes(limit))
                .build());
    try (TftpServer server = TftpServer.builder(device).start()) {

      assertThatThrownBy(() -> transport.interrogator().interrogate(Client.of("stb", server.uri())))
          .isInstanceOfSatisfying(
              FormatException.class,
              e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE));
    }
    // The limit, the window in flight and the parser's buffer: far from the 4 MiB served.
    assertThat(served.get()).isLessThan(limit + 128 * 1024);
  }

  @Test
  void anArtifactOnAnotherPortIsRefusedBeforeAnyDatagramIsSent() throws Exception {
    try (RawPeer elsewhere = RawPeer.open();
        TftpServer head = TftpServer.serve(root, 0)) {
      TftpCentralCatalog catalog = new TftpTransport().catalog(head.uri("catalog.json"));
      URI location = URI.create("tftp://127.0.0.1:" + elsewhere.address().getPort() + "/a.bin");

      assertThatThrownBy(() -> catalog.openArtifact(entry(location), ResumePoint.START))
          .isInstanceOfSatisfying(
              OriginNotAllowedException.class,
              e -> {
                assertThat(e.refused()).isEqualTo(location);
                assertThat(e.allowed())
                    .containsExactly(URI.create("tftp://127.0.0.1:" + head.port()));
                assertThat(e.getMessage()).contains(location.toString());
              });
      assertThat(elsewhere.receive(QUIET)).isNull();
    }
  }

  @Test
  void anArtifactOnAConfiguredOriginIsRead() throws Exception {
    Path other = Files.createDirectories(root.resolve("other"));
    Files.writeString(other.resolve("a.bin"), "artifact");
    try (TftpServer head = TftpServer.serve(root, 0);
        TftpServer mirror = TftpServer.serve(other, 0)) {
      TftpTransport transport =
          new TftpTransport(TftpTransportConfig.builder().artifactOrigins(mirror.uri()).build());
      TftpCentralCatalog catalog = transport.catalog(head.uri("catalog.json"));

      try (InputStream in = catalog.openArtifact(entry(mirror.uri("a.bin")), ResumePoint.START)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("artifact");
      }
    }
  }

  private static CatalogEntry entry(URI location) {
    return CatalogEntry.of("a.bin", "1.0", ANY, 8, location);
  }

  private static InputStream counted(InputStream in, AtomicLong count) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          count.addAndGet(n);
        }
        return n;
      }
    };
  }
}
