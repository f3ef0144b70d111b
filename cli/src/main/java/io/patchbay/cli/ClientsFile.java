package io.patchbay.cli;

import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.StaticClientDirectory;
import io.patchbay.internal.campaign.ReloadingFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's static clients file, read again whenever it changed (another size, modification
 * time or file, as a replace by rename makes): a client added to it is seen on the next pass,
 * without a restart. A file that became unreadable or invalid is reported, and the clients last
 * read are not used for a campaign until it is fixed.
 */
final class ClientsFile implements ClientDirectory {

  private final ReloadingFile<List<DirectoryEntry>> file;

  ClientsFile(Path file) {
    this.file = new ReloadingFile<>(file, path -> StaticClientDirectory.read(path).clients());
  }

  /**
   * The clients the file lists now, read again if it changed.
   *
   * @throws IOException if it cannot be read
   * @throws io.patchbay.campaign.ClientDirectoryException if its content is invalid
   */
  @Override
  public List<DirectoryEntry> clients() throws IOException {
    return file.get();
  }

  /** Reads the file on the next {@link #clients()} even if it looks unchanged. */
  void refresh() {
    file.forget();
  }
}
