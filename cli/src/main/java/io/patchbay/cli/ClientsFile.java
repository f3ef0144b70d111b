package io.patchbay.cli;

import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.StaticClientDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's static clients file, read again whenever it changed (another size, modification
 * time or file, as a replace by rename makes): a client added to it is seen on the next pass,
 * without a restart. A file that became unreadable or invalid is reported, and the clients last
 * read are not used for a campaign until it is fixed. Called by the gateway's loop only.
 */
final class ClientsFile implements ClientDirectory {

  private final Path file;
  private Version read;
  private List<DirectoryEntry> clients = List.of();

  ClientsFile(Path file) {
    this.file = Objects.requireNonNull(file);
  }

  /** What tells one state of the file from another without reading it. */
  private record Version(Object key, FileTime modified, long size) {}

  /**
   * The clients the file lists now, read again if it changed.
   *
   * @throws IOException if it cannot be read
   * @throws io.patchbay.campaign.ClientDirectoryException if its content is invalid
   */
  @Override
  public List<DirectoryEntry> clients() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Version now =
        new Version(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    if (!now.equals(read)) {
      // Forget the old version first: if this read fails, the next pass reads again.
      read = null;
      clients = StaticClientDirectory.read(file).clients();
      read = now;
    }
    return clients;
  }
}
