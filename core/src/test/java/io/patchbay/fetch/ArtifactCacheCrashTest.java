package io.patchbay.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.model.CatalogEntry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway killed with SIGKILL in the middle of a download leaves a sound cache behind. */
class ArtifactCacheCrashTest {

  @TempDir Path directory;

  @Test
  void downloadKilledMidwayLeavesNoEntryAndTheNextRequestResumesAndVerifies() throws Exception {
    byte[] content = ArtifactCacheTest.randomBytes(2_000_000, 21);
    CatalogEntry entry = ArtifactCacheTest.entryFor("fw/slow.bin", content);
    Path artifact = Files.write(directory.resolve("slow.bin"), content);
    Path cache = directory.resolve("cache");
    Process gateway =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SlowDownloadMain.class.getName(),
                cache.toString(),
                artifact.toString(),
                entry.sha256().hex())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("gateway.log").toFile())
            .start();
    Path partial = cache.resolve("partial").resolve(entry.sha256().hex() + ".part");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(partial) && Files.size(partial) > 100_000);
    gateway.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();

    try (Stream<Path> objects = Files.list(cache.resolve("objects"))) {
      assertThat(objects).as("no visible entry after the crash").isEmpty();
    }
    ArtifactCacheTest.RecordingHeadEnd headEnd = new ArtifactCacheTest.RecordingHeadEnd(content);
    try (Artifact resumed = ArtifactCache.open(cache, Long.MAX_VALUE).fetch(entry, headEnd);
        InputStream in = resumed.open()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(headEnd.opens).singleElement().satisfies(offset -> assertThat(offset).isPositive());
  }
}
