package io.patchbay.fetch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes file system changes survive a power cut. */
public final class Durability {

  private Durability() {}

  /**
   * Flushes a directory's entries to disk, so a rename into it survives a crash (POSIX file
   * systems persist renames when the directory is synced).
   *
   * @throws IOException if the directory cannot be synced
   */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
