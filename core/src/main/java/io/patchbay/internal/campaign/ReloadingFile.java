package io.patchbay.internal.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What a file holds, read again only when the file changed: another size, modification time or file
 * (as a replace by rename makes). A read that fails is thrown, and forgets what was read before, so
 * that the next call reads again and stale content is never served as current.
 *
 * <p>Thread-safe: calls are serialized, and a read happens on the calling thread.
 *
 * @param <T> what the file is read into
 */
public final class ReloadingFile<T> {

  /** Reads the file into a value; called only when it changed. */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * Reads {@code file}.
     *
     * @throws IOException if it cannot be read
     */
    T read(Path file) throws IOException;
  }

  /** What tells one state of the file from another without reading it. */
  private record Version(Object key, FileTime modified, long size) {}

  private final Path file;
  private final Reader<T> reader;
  private Version read;
  private T content;

  /** Reads {@code file} with {@code reader}, on the first {@link #get()} and after each change. */
  public ReloadingFile(Path file, Reader<T> reader) {
    this.file = Objects.requireNonNull(file, "file");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** The file this reads. */
  public Path file() {
    return file;
  }

  /**
   * What the file holds now: the last value read if the file looks unchanged, else read again.
   *
   * @throws IOException if the file cannot be read (and whatever the reader throws)
   */
  public synchronized T get() throws IOException {
    // The version is taken before the read: a change during the read makes the next call read
    // again, never the other way round.
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Version now =
        new Version(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    if (!now.equals(read)) {
      // Forget the old version first: if this read fails, the next call reads again.
      read = null;
      content = null;
      T next = reader.read(file);
      content = next;
      read = now;
    }
    return content;
  }

  /** Forgets the version read, so that the next {@link #get()} reads even an unchanged file. */
  public synchronized void forget() {
    read = null;
  }
}
