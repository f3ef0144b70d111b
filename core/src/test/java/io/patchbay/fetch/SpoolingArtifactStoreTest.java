package io.patchbay.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingArtifactStoreTest {

  private static final byte[] CONTENT = "firmware image 2.0.0".getBytes(StandardCharsets.UTF_8);
  private static final CatalogEntry ENTRY = entry("fw/image.bin", CONTENT);

  @TempDir Path parent;

  private static CatalogEntry entry(String name, byte[] content) {
    Sha256 digest = Sha256.of(VerifyingCopy.newSha256().digest(content));
    return CatalogEntry.of(name, "2.0.0", digest, content.length, URI.create(name));
  }

  /** A head end that serves fixed bytes, counts opens, and can hold every download at a gate. */
  private static class CountingHeadEnd implements CentralCatalog {
    final AtomicInteger opens = new AtomicInteger();
    final CountDownLatch gate;
    volatile byte[] served;

    CountingHeadEnd(byte[] served, CountDownLatch gate) {
      this.served = served;
      this.gate = gate;
    }

    @Override
    public Catalog fetch() {
      return Catalog.of(1, ENTRY);
    }

    @Override
    public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
      opens.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted at the gate");
      }
      return ArtifactStream.of(new ByteArrayInputStream(served), 0);
    }
  }

  private static byte[] read(Artifact artifact) throws IOException {
    try (InputStream in = artifact.open()) {
      return in.readAllBytes();
    }
  }

  private List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void fiftyConcurrentRequestsCauseOneDownloadAndGetIdenticalBytes() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountingHeadEnd headEnd = new CountingHeadEnd(CONTENT, gate);
    ExecutorService threads = Executors.newFixedThreadPool(50);
    try (SpoolingArtifactStore store = SpoolingArtifactStore.createIn(parent)) {
      List<Future<byte[]>> results = new ArrayList<>();
      CountDownLatch allAsking = new CountDownLatch(50);
      for (int i = 0; i < 50; i++) {
        results.add(
            threads.submit(
                () -> {
                  allAsking.countDown();
                  return read(store.fetch(ENTRY, headEnd));
                }));
      }
      assertThat(allAsking.await(10, TimeUnit.SECONDS)).isTrue();
      gate.countDown();
      for (Future<byte[]> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(CONTENT);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(headEnd.opens).hasValue(1);
  }

  @Test
  void corruptDownloadIsRejectedLeavesNoFileAndItsFailureIsShared() throws IOException {
    byte[] corrupt = CONTENT.clone();
    corrupt[3] ^= 1;
    CountingHeadEnd headEnd = new CountingHeadEnd(corrupt, new CountDownLatch(0));
    try (SpoolingArtifactStore store = SpoolingArtifactStore.createIn(parent)) {
      assertThatThrownBy(() -> store.fetch(ENTRY, headEnd))
          .isInstanceOfSatisfying(
              ArtifactVerificationException.class,
              e -> {
                assertThat(e.check()).isEqualTo(ArtifactVerificationException.Check.SHA256);
                assertThat(e.expected()).isEqualTo(ENTRY.sha256().hex());
                assertThat(e.fileName()).isEqualTo("fw/image.bin");
              });
      assertThat(filesIn(parent)).isEmpty();

      headEnd.served = CONTENT;
      assertThatThrownBy(() -> store.fetch(ENTRY, headEnd))
          .isInstanceOf(ArtifactVerificationException.class);
      assertThat(headEnd.opens).hasValue(1);
    }
  }

  @Test
  void overLongDownloadFailsItsSizeCheckWithoutReadingEverything() throws IOException {
    CentralCatalog endless =
        new CountingHeadEnd(CONTENT, new CountDownLatch(0)) {
          @Override
          public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) {
            return ArtifactStream.of(
                new InputStream() {
                  @Override
                  public int read() {
                    return 'x';
                  }
                },
                0);
          }
        };
    try (SpoolingArtifactStore store = SpoolingArtifactStore.createIn(parent)) {
      assertThatThrownBy(() -> store.fetch(ENTRY, endless))
          .isInstanceOfSatisfying(
              ArtifactVerificationException.class,
              e -> {
                assertThat(e.check()).isEqualTo(ArtifactVerificationException.Check.SIZE);
                assertThat(e.actual()).startsWith("more than");
              });
    }
  }

  @Test
  void interruptedDownloaderHandsTheDownloadToAWaitingThread() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountingHeadEnd headEnd = new CountingHeadEnd(CONTENT, gate);
    try (SpoolingArtifactStore store = SpoolingArtifactStore.createIn(parent)) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<byte[]> first = threads.submit(() -> read(store.fetch(ENTRY, headEnd)));
        while (headEnd.opens.get() == 0) {
          Thread.onSpinWait();
        }
        Future<byte[]> second = threads.submit(() -> read(store.fetch(ENTRY, headEnd)));
        first.cancel(true);
        gate.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(CONTENT);
      } finally {
        threads.shutdownNow();
      }
      assertThat(headEnd.opens.get()).isBetween(1, 2);
    }
  }

  @Test
  void closeDeletesEverySpooledFile() throws IOException {
    SpoolingArtifactStore store = SpoolingArtifactStore.createIn(parent);
    Artifact artifact = store.fetch(ENTRY, new CountingHeadEnd(CONTENT, new CountDownLatch(0)));
    assertThat(read(artifact)).isEqualTo(CONTENT);
    assertThat(filesIn(parent)).hasSize(1);

    store.close();

    assertThat(filesIn(parent)).isEmpty();
    assertThat(parent).isEmptyDirectory();
  }
}
