package io.patchbay.fetch;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's persistent artifact cache: each artifact is downloaded from the head end once,
 * verified, and kept on disk for every client and every later run.
 *
 * <p>Layout under the embedder's directory: {@code objects/<sha256>} holds verified artifacts,
 * content-addressed; {@code partial/<sha256>.part} holds downloads in progress, and {@code
 * partial/<sha256>.validator} the head end's validator for their bytes. A download is written to
 * its partial file, verified against the catalog's size and digest, flushed to disk and only then
 * renamed into {@code objects/}: a corrupt, short or interrupted download is never visible as an
 * entry. A partial file left by a crash or a cut link is resumed from where it stopped, asking the
 * head end for the rest only if its validator still matches; a head end that sends the whole
 * artifact instead (it cannot send ranges, or the artifact changed) has the partial file rewritten
 * from the start, never spliced. If a resumed whole fails verification, the download restarts from
 * zero once.
 *
 * <p>Single-flight: concurrent requests for the same content cause one download and share its
 * outcome, failures included. Size-capped with least-recently-used eviction that never evicts an
 * artifact whose {@link Artifact} handle is open. After a restart the cache is as it was; each
 * entry is verified again the first time it is used, and dropped if it fails. Thread-safe; one
 * instance per directory.
 */
public final class ArtifactCache implements ArtifactStore {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);
  private static final int MAX_ATTEMPTS = 3;

  private final Path directory;
  private final Path objects;
  private final Path partials;
  private final long maxBytes;
  private final SingleFlight<Sha256, Path> downloads = new SingleFlight<>(false);

  /** Entries in access order, least recently used first; guarded by {@code this}. */
  private final LinkedHashMap<Sha256, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private long totalBytes;

  private ArtifactCache(Path directory, long maxBytes) {
    this.directory = directory;
    this.objects = directory.resolve("objects");
    this.partials = directory.resolve("partial");
    this.maxBytes = maxBytes;
  }

  /**
   * Opens (or creates) the cache in {@code directory}, holding at most {@code maxBytes} of
   * artifacts that are not in use.
   *
   * @throws ArtifactCacheException if the directory cannot be created or written
   * @throws IOException if it cannot be read
   */
  public static ArtifactCache open(Path directory, long maxBytes) throws IOException {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    ArtifactCache cache = new ArtifactCache(directory, maxBytes);
    cache.prepare();
    return cache;
  }

  /** The bytes of artifacts held, including those in use. */
  public synchronized long size() {
    return totalBytes;
  }

  /** Tells whether a verified copy of this content is held. */
  public synchronized boolean contains(Sha256 digest) {
    return entries.containsKey(digest);
  }

  @Override
  public Artifact fetch(CatalogEntry entry, CentralCatalog catalog) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Artifact held = pin(entry);
      if (held != null) {
        return held;
      }
      if (attempt == MAX_ATTEMPTS) {
        // Only when other threads evict it again as fast as it arrives: the cap is too small.
        throw new IOException(
            "Artifact "
                + entry.name()
                + " of "
                + entry.size()
                + " bytes was evicted before use "
                + MAX_ATTEMPTS
                + " times; the cache's cap of "
                + maxBytes
                + " bytes is too small");
      }
      downloads.run(entry.sha256(), () -> download(entry, catalog));
    }
  }

  /** Nothing to release: the cache outlives the runs that use it. */
  @Override
  public void close() {}

  /** Pins the entry if held and sound; returns {@code null} on a miss (or a dropped bad entry). */
  private Artifact pin(CatalogEntry wanted) throws IOException {
    Entry entry;
    synchronized (this) {
      entry = entries.get(wanted.sha256());
      if (entry == null) {
        return null;
      }
      entry.pins++;
    }
    CachedArtifact artifact = new CachedArtifact(wanted, entry);
    if (entry.verified || verify(wanted, entry)) {
      return artifact;
    }
    artifact.close();
    return null;
  }

  /** Checks an entry found on disk at start, once; drops it if it does not match. */
  private boolean verify(CatalogEntry wanted, Entry entry) throws IOException {
    try (InputStream in = openObject(entry, wanted.name())) {
      VerifyingCopy.copy(
          in,
          OutputStream.nullOutputStream(),
          wanted.name(),
          wanted.size(),
          wanted.sha256(),
          b -> {});
      entry.verified = true;
      return true;
    } catch (ArtifactVerificationException | FileSystemException e) {
      // Gone, replaced by a link (ELOOP under NOFOLLOW_LINKS) or changed: fetched again.
      LOG.warn("Dropping cached {} ({}): {}", wanted.name(), entry.digest, e.getMessage());
      drop(entry);
      return false;
    }
  }

  private Path download(CatalogEntry entry, CentralCatalog catalog) throws IOException {
    PartialDownload partial = new PartialDownload(partials, entry);
    try {
      try {
        partial.fill(catalog);
      } catch (ArtifactVerificationException e) {
        if (!partial.resumed()) {
          throw e;
        }
        // The partial file may be stale or torn by a crash: one fresh start settles it.
        LOG.info("Resumed download of {} failed verification; starting over", entry.name());
        partial.discard();
        partial.fill(catalog);
      }
      Path target = objects.resolve(entry.sha256().hex());
      Files.move(
          partial.file(),
          target,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Durability.syncDirectory(objects);
      partial.committed();
      insert(new Entry(entry.sha256(), target, entry.size(), true));
      return target;
    } catch (ArtifactVerificationException e) {
      partial.discard();
      throw e;
    } catch (FileSystemException e) {
      partial.discard();
      throw isFull(e)
          ? new ArtifactCacheException(directory, ArtifactCacheException.Reason.FULL, e)
          : e;
    }
  }

  private synchronized void insert(Entry entry) {
    Entry previous = entries.put(entry.digest, entry);
    if (previous != null) {
      totalBytes -= previous.size;
    }
    totalBytes += entry.size;
    evictBeyondCap(entry);
  }

  private synchronized void release(Entry entry) {
    entry.pins--;
    evictBeyondCap(null);
  }

  /**
   * Evicts least recently used entries that nobody holds, sparing {@code keep}, until under the
   * cap.
   */
  private synchronized void evictBeyondCap(Entry keep) {
    for (Iterator<Entry> lru = entries.values().iterator();
        totalBytes > maxBytes && lru.hasNext(); ) {
      Entry candidate = lru.next();
      if (candidate.pins == 0 && candidate != keep) {
        lru.remove();
        totalBytes -= candidate.size;
        deleteQuietly(candidate.path);
      }
    }
  }

  private synchronized void drop(Entry entry) {
    if (entries.remove(entry.digest, entry)) {
      totalBytes -= entry.size;
    }
    deleteQuietly(entry.path);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", path, e.toString());
    }
  }

  /** Creates the layout, proves it writable, and indexes what a previous run left. */
  private void prepare() throws IOException {
    PrivateDirectories.prepare(directory, objects, partials);
    try {
      Files.delete(Files.createTempFile(partials, "probe-", ".tmp"));
    } catch (IOException e) {
      throw new ArtifactCacheException(
          directory,
          isFull(e) ? ArtifactCacheException.Reason.FULL : ArtifactCacheException.Reason.UNWRITABLE,
          e);
    }
    try (Stream<Path> files = Files.list(objects)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.length() == 64
            && name.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c))
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          insertFound(new Entry(new Sha256(name), file, Files.size(file), false));
        } else {
          LOG.warn("Removing {} from the cache: not an artifact", file);
          deleteQuietly(file);
        }
      }
    }
    synchronized (this) {
      evictBeyondCap(null);
    }
  }

  private synchronized void insertFound(Entry entry) {
    entries.put(entry.digest, entry);
    totalBytes += entry.size;
  }

  static boolean isFull(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("No space left");
  }

  /**
   * Opens an entry's file as what it was when indexed: a regular file, not a link, of its size. A
   * file replaced behind the cache's back fails here rather than being served.
   */
  private static InputStream openObject(Entry entry, String name) throws IOException {
    SeekableByteChannel channel =
        Files.newByteChannel(entry.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try {
      if (channel.size() != entry.size) {
        throw new ArtifactVerificationException(
            name,
            ArtifactVerificationException.Check.SIZE,
            String.valueOf(entry.size),
            String.valueOf(channel.size()));
      }
      return Channels.newInputStream(channel);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /** One cached artifact; its pins count the open handles. */
  private static final class Entry {
    final Sha256 digest;
    final Path path;
    final long size;
    volatile boolean verified;
    int pins;

    Entry(Sha256 digest, Path path, long size, boolean verified) {
      this.digest = digest;
      this.path = path;
      this.size = size;
      this.verified = verified;
    }
  }

  /** A handle that keeps its entry from eviction until closed. */
  private final class CachedArtifact implements Artifact {
    private final CatalogEntry entry;
    private final Entry cached;
    private boolean closed;

    CachedArtifact(CatalogEntry entry, Entry cached) {
      this.entry = entry;
      this.cached = cached;
    }

    @Override
    public CatalogEntry entry() {
      return entry;
    }

    @Override
    public InputStream open() throws IOException {
      return openObject(cached, entry.name());
    }

    @Override
    public void close() {
      synchronized (ArtifactCache.this) {
        if (!closed) {
          closed = true;
          release(cached);
        }
      }
    }
  }
}
