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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("InputStreamSlowMultibyteRead") // test streams: slow is fine
class ArtifactCacheTest {

  @TempDir Path directory;
  @TempDir Path outside;

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static CatalogEntry entryFor(String name, byte[] content) {
    return CatalogEntry.of(
        name,
        "1.0.0",
        Sha256.of(VerifyingCopy.newSha256().digest(content)),
        content.length,
        URI.create(name));
  }

  /**
   * A head end serving fixed bytes, recording where every open asked to start; can cut the first
   * stream. Like HTTP with {@code If-Range}, it sends its {@link #validator} with the bytes and
   * answers a request whose validator differs with the whole artifact, from 0.
   */
  static final class RecordingHeadEnd implements CentralCatalog {
    final List<Long> opens = new CopyOnWriteArrayList<>();
    final List<ResumePoint> asked = new CopyOnWriteArrayList<>();
    volatile byte[] served;
    volatile String validator;
    volatile long cutFirstAfter = -1;
    volatile CountDownLatch gate = new CountDownLatch(0);

    RecordingHeadEnd(byte[] served) {
      this.served = served;
    }

    @Override
    public Catalog fetch() {
      throw new UnsupportedOperationException("artifacts only");
    }

    @Override
    public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
      opens.add(from.offset());
      asked.add(from);
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
      byte[] bytes = served;
      String current = validator;
      int start =
          from.validator() == null || from.validator().equals(current) ? (int) from.offset() : 0;
      long cut = opens.size() == 1 ? cutFirstAfter : -1;
      int end = cut < 0 ? bytes.length : (int) cut;
      InputStream tail = new ByteArrayInputStream(bytes, start, end - start);
      if (cut >= 0) {
        tail =
            new java.io.SequenceInputStream(
                tail,
                new InputStream() {
                  @Override
                  public int read() throws IOException {
                    throw new IOException("link cut");
                  }
                });
      }
      ArtifactStream counted = ArtifactStream.of(tail, start);
      return new ArtifactStream(start) {
        @Override
        public int read() throws IOException {
          return counted.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          return counted.read(buffer, offset, length);
        }

        @Override
        public String validator() {
          return current;
        }

        @Override
        public long received() {
          return counted.received();
        }
      };
    }
  }

  private static byte[] read(Artifact artifact) throws IOException {
    try (artifact;
        InputStream in = artifact.open()) {
      return in.readAllBytes();
    }
  }

  private List<Path> filesUnder(String folder) throws IOException {
    try (Stream<Path> files = Files.list(directory.resolve(folder))) {
      return files.toList();
    }
  }

  @Test
  void downloadsOnceAndServesLaterRequestsAndRestartsFromDisk() throws IOException {
    byte[] content = randomBytes(300_000, 1);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);

    assertThat(read(ArtifactCache.open(directory, 10_000_000).fetch(entry, headEnd)))
        .isEqualTo(content);
    ArtifactCache afterRestart = ArtifactCache.open(directory, 10_000_000);
    assertThat(read(afterRestart.fetch(entry, headEnd))).isEqualTo(content);

    assertThat(headEnd.opens).containsExactly(0L);
    assertThat(afterRestart.contains(entry.sha256())).isTrue();
  }

  @Test
  void tamperedDownloadIsRejectedAndLeavesNoEntryAndNoPartialFile() throws IOException {
    byte[] content = randomBytes(100_000, 2);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    byte[] tampered = content.clone();
    tampered[99] ^= 1;
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);

    assertThatThrownBy(() -> cache.fetch(entry, new RecordingHeadEnd(tampered)))
        .isInstanceOf(ArtifactVerificationException.class);
    assertThat(cache.contains(entry.sha256())).isFalse();
    assertThat(filesUnder("objects")).isEmpty();
    assertThat(filesUnder("partial")).isEmpty();
  }

  @Test
  void entryCorruptedOnDiskIsDroppedAfterARestartAndDownloadedAgain() throws IOException {
    byte[] content = randomBytes(50_000, 3);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);
    read(ArtifactCache.open(directory, 10_000_000).fetch(entry, headEnd));
    Path object = directory.resolve("objects").resolve(entry.sha256().hex());
    byte[] onDisk = Files.readAllBytes(object);
    onDisk[10] ^= 1;
    Files.write(object, onDisk);

    ArtifactCache restarted = ArtifactCache.open(directory, 10_000_000);

    assertThat(read(restarted.fetch(entry, headEnd))).isEqualTo(content);
    assertThat(headEnd.opens).hasSize(2);
  }

  @Test
  void cutDownloadResumesFromThePartialFileWithARangedRead() throws IOException {
    byte[] content = randomBytes(1_000_000, 4);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);
    headEnd.cutFirstAfter = 400_000;
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);

    assertThatThrownBy(() -> cache.fetch(entry, headEnd))
        .isInstanceOf(IOException.class)
        .hasMessage("link cut");
    assertThat(filesUnder("objects")).isEmpty();
    assertThat(read(cache.fetch(entry, headEnd))).isEqualTo(content);

    assertThat(headEnd.opens).hasSize(2);
    assertThat(headEnd.opens.get(1)).isGreaterThan(0L).isLessThanOrEqualTo(400_000L);
    assertThat(filesUnder("partial")).isEmpty();
  }

  @Test
  void stalePartialFileThatFailsVerificationRestartsFromZeroOnce() throws IOException {
    byte[] content = randomBytes(200_000, 5);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    Files.write(
        directory.resolve("partial").resolve(entry.sha256().hex() + ".part"), randomBytes(1000, 6));
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);

    assertThat(read(cache.fetch(entry, headEnd))).isEqualTo(content);
    assertThat(headEnd.opens).containsExactly(1000L, 0L);
  }

  @Test
  void downloadCutBeforeARestartResumesWithTheValidatorTheHeadEndFirstSent() throws IOException {
    byte[] content = randomBytes(1_000_000, 14);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);
    headEnd.validator = "\"v1\"";
    headEnd.cutFirstAfter = 400_000;
    assertThatThrownBy(() -> ArtifactCache.open(directory, 10_000_000).fetch(entry, headEnd))
        .hasMessage("link cut");

    ArtifactCache restarted = ArtifactCache.open(directory, 10_000_000);

    assertThat(read(restarted.fetch(entry, headEnd))).isEqualTo(content);
    assertThat(headEnd.asked)
        .containsExactly(ResumePoint.START, new ResumePoint(400_000, "\"v1\""));
    assertThat(filesUnder("partial")).isEmpty();
  }

  @Test
  void headEndThatSendsTheWholeArtifactInsteadOfTheRestHasThePartialFileRewrittenNotSpliced()
      throws IOException {
    byte[] content = randomBytes(200_000, 15);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    Path partials = directory.resolve("partial");
    Files.write(partials.resolve(entry.sha256().hex() + ".part"), randomBytes(1000, 16));
    Files.writeString(partials.resolve(entry.sha256().hex() + ".validator"), "\"before\"");
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);
    headEnd.validator = "\"after\"";

    assertThat(read(cache.fetch(entry, headEnd))).isEqualTo(content);
    assertThat(headEnd.asked)
        .as("one download, no second try after a failed splice")
        .containsExactly(new ResumePoint(1000, "\"before\""));
    assertThat(filesUnder("partial")).isEmpty();
  }

  @Test
  void completePartialFileIsVerifiedAndKeptWithoutAskingTheHeadEnd() throws IOException {
    byte[] content = randomBytes(100_000, 17);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    Files.write(directory.resolve("partial").resolve(entry.sha256().hex() + ".part"), content);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);

    assertThat(read(cache.fetch(entry, headEnd))).isEqualTo(content);
    assertThat(headEnd.opens).isEmpty();
  }

  @Test
  void unusableValidatorFileIsIgnoredAndTheRestAskedForWithoutOne() throws IOException {
    byte[] content = randomBytes(100_000, 18);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    Path partials = directory.resolve("partial");
    Files.write(
        partials.resolve(entry.sha256().hex() + ".part"), java.util.Arrays.copyOf(content, 500));
    Files.write(partials.resolve(entry.sha256().hex() + ".validator"), new byte[] {'"', 0, 0, 0});
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);

    assertThat(read(cache.fetch(entry, headEnd))).isEqualTo(content);
    assertThat(headEnd.asked).containsExactly(ResumePoint.at(500));
  }

  @Test
  void fiftyConcurrentRequestsCauseOneDownloadAndGetIdenticalBytes() throws Exception {
    byte[] content = randomBytes(500_000, 7);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);
    headEnd.gate = new CountDownLatch(1);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    ExecutorService threads = Executors.newFixedThreadPool(50);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(threads.submit(() -> read(cache.fetch(entry, headEnd))));
      }
      headEnd.gate.countDown();
      for (Future<byte[]> result : results) {
        assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(content);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(headEnd.opens).hasSize(1);
  }

  @Test
  void evictsLeastRecentlyUsedArtifactsButNeverOneInUse() throws IOException {
    byte[] a = randomBytes(1000, 10);
    byte[] b = randomBytes(1000, 11);
    byte[] c = randomBytes(1000, 12);
    byte[] d = randomBytes(1000, 13);
    ArtifactCache cache = ArtifactCache.open(directory, 2500);
    Artifact inUse = cache.fetch(entryFor("a", a), new RecordingHeadEnd(a));
    read(cache.fetch(entryFor("b", b), new RecordingHeadEnd(b)));

    read(cache.fetch(entryFor("c", c), new RecordingHeadEnd(c)));

    assertThat(cache.contains(entryFor("a", a).sha256())).as("a is in use").isTrue();
    assertThat(cache.contains(entryFor("b", b).sha256())).as("b was least recently used").isFalse();
    assertThat(read(inUse)).isEqualTo(a);
    read(cache.fetch(entryFor("d", d), new RecordingHeadEnd(d)));
    assertThat(cache.contains(entryFor("a", a).sha256()))
        .as("a, released, was least recently used")
        .isFalse();
    assertThat(cache.size()).isLessThanOrEqualTo(2500);
  }

  @Test
  void unusableDirectoryIsAClearError() throws IOException {
    Path notADirectory = Files.writeString(directory.resolve("file"), "x");

    assertThatThrownBy(() -> ArtifactCache.open(notADirectory, 1000))
        .isInstanceOfSatisfying(
            ArtifactCacheException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ArtifactCacheException.Reason.UNWRITABLE);
              assertThat(e.directory()).isEqualTo(notADirectory);
            });
  }

  @Test
  void aLinkPlantedAsThePartialFileIsRemovedNotWrittenThrough() throws IOException {
    byte[] content = randomBytes(20_000, 9);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    Path victim = Files.writeString(outside.resolve("victim"), "keep me");
    Path part = directory.resolve("partial").resolve(entry.sha256().hex() + ".part");
    Files.createSymbolicLink(part, victim);

    assertThat(read(cache.fetch(entry, new RecordingHeadEnd(content)))).isEqualTo(content);

    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(filesUnder("partial")).isEmpty();
  }

  @Test
  void aLinkPlantedAsAnObjectIsRemovedAtStartAndNeverServed() throws IOException {
    byte[] content = randomBytes(20_000, 10);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache.open(directory, 10_000_000);
    Path elsewhere = Files.write(outside.resolve("object"), content);
    Path object = directory.resolve("objects").resolve(entry.sha256().hex());
    Files.createSymbolicLink(object, elsewhere);
    RecordingHeadEnd headEnd = new RecordingHeadEnd(content);

    ArtifactCache restarted = ArtifactCache.open(directory, 10_000_000);
    assertThat(restarted.contains(entry.sha256())).isFalse();
    assertThat(read(restarted.fetch(entry, headEnd))).isEqualTo(content);

    assertThat(headEnd.opens).containsExactly(0L);
    assertThat(Files.isSymbolicLink(object)).isFalse();
  }

  @Test
  void anObjectReplacedByALinkAfterVerificationFailsToOpenRatherThanBeingServed()
      throws IOException {
    byte[] content = randomBytes(20_000, 11);
    CatalogEntry entry = entryFor("fw/a.bin", content);
    ArtifactCache cache = ArtifactCache.open(directory, 10_000_000);
    Artifact artifact = cache.fetch(entry, new RecordingHeadEnd(content));
    Path object = directory.resolve("objects").resolve(entry.sha256().hex());
    Files.delete(object);
    Files.createSymbolicLink(object, Files.write(outside.resolve("other"), new byte[20_000]));

    try (artifact) {
      assertThatThrownBy(artifact::open).isInstanceOf(IOException.class);
    }
  }

  @Test
  void theCacheDirectoriesAreMadePrivateToTheirUser() throws IOException {
    Path cache = directory.resolve("cache");
    Files.createDirectories(
        cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

    ArtifactCache.open(cache, 1000);

    for (Path dir : List.of(cache, cache.resolve("objects"), cache.resolve("partial"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .as(dir.toString())
          .isEqualTo("rwx------");
    }
  }

  @Test
  void aCacheDirectoryOfAnotherUserIsRefusedAndLeftAlone() throws IOException {
    Path foreign;
    if (isRoot()) {
      foreign = Files.createDirectory(directory.resolve("nobodys"));
      Files.setOwner(
          foreign,
          foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    } else {
      foreign = Path.of("/");
    }

    assertThatThrownBy(() -> ArtifactCache.open(foreign, 1000))
        .isInstanceOfSatisfying(
            ArtifactCacheException.class,
            e -> assertThat(e.reason()).isEqualTo(ArtifactCacheException.Reason.UNSAFE));
    assertThat(Files.exists(foreign.resolve("objects"))).isFalse();
  }

  @Test
  void aLinkedDirectoryInsideTheCacheIsRefused() throws IOException {
    Path cache = Files.createDirectory(directory.resolve("cache"));
    Files.createSymbolicLink(cache.resolve("objects"), outside);

    assertThatThrownBy(() -> ArtifactCache.open(cache, 1000))
        .isInstanceOfSatisfying(
            ArtifactCacheException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ArtifactCacheException.Reason.UNSAFE);
              assertThat(e).hasMessageContaining("symbolic link");
            });
  }

  private static boolean isRoot() throws IOException {
    Path probe = Files.createTempFile("owner-", ".tmp");
    try {
      return Files.getOwner(probe).getName().equals("root");
    } finally {
      Files.delete(probe);
    }
  }
}
