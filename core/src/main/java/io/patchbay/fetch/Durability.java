package io.patchbay.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Makes file system changes survive a power cut. */
public final class Durability {

  private Durability() {}

  /**
   * Flushes a directory's entries to disk, so a rename into it survives a crash (POSIX file systems
   * persist renames when the directory is synced).
   *
   * @throws IOException if the directory cannot be synced
   */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Writes a file's content. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content to {@code out}, without closing it. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code file} with {@code content} so that a crash at any moment leaves either the old
   * file or the new one, whole: writes a temporary file beside it, forces it to disk, renames it
   * over {@code file} atomically and syncs the directory.
   *
   * @throws IOException if writing fails; the temporary file is removed and {@code file} unchanged
   */
  public static void replaceAtomically(Path file, Content content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
