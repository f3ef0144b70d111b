package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.CatalogJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB artifact moves head end -> gateway -> device in a gateway JVM with a 64 MiB heap: it can
 * only succeed if every step streams.
 */
@Tag("interop")
class LargeArtifactStreamingTest {

  private static final long SIZE = 1L << 30;

  @TempDir Path home;

  @Test
  void oneGibibyteArtifactStreamsThroughAGatewayWithA64MibHeap() throws Exception {
    try (Nginx headEnd = Nginx.start(home.resolve("head-end"), "")) {
      Path artifact =
          Files.createDirectories(headEnd.www().resolve("artifacts")).resolve("image.bin");
      Sha256 digest = writeRandom(artifact, SIZE);
      try (OutputStream out = Files.newOutputStream(headEnd.www().resolve("catalog.json"))) {
        CatalogJson.write(
            Catalog.of(
                1,
                CatalogEntry.of(
                    "fw/image.bin", "2.0.0", digest, SIZE, URI.create("artifacts/image.bin"))),
            out);
      }
      Path device = home.resolve("device");

      Process gateway =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx64m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  StreamingGatewayMain.class.getName(),
                  headEnd.uri("/catalog.json").toString(),
                  device.toString())
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("gateway.log").toFile())
              .start();

      assertThat(gateway.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(gateway.exitValue()).as(Files.readString(home.resolve("gateway.log"))).isZero();
      Path installed = device.resolve("fw/image.bin");
      assertThat(Files.size(installed)).isEqualTo(SIZE);
      assertThat(sha256(installed)).isEqualTo(digest);
    }
  }

  private static Sha256 writeRandom(Path file, long size) throws IOException {
    MessageDigest digest = VerifyingCopy.newSha256();
    Random random = new Random(1);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        digest.update(chunk);
        out.write(chunk);
      }
    }
    return Sha256.of(digest.digest());
  }

  private static Sha256 sha256(Path file) throws IOException {
    MessageDigest digest = VerifyingCopy.newSha256();
    byte[] chunk = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(chunk)) > 0; ) {
        digest.update(chunk, 0, n);
      }
    }
    return Sha256.of(digest.digest());
  }
}
