package io.patchbay.campaign;

import io.patchbay.model.Client;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Where a campaign finds its clients: a static list ({@link StaticClientDirectory}), or a vendor's
 * discovery such as the DHCP leases of the gateway's LAN.
 *
 * <p>Implementations are thread-safe. A campaign asks once, when it starts; a campaign resumed from
 * its journal asks again and looks up the clients its journal names.
 */
@FunctionalInterface
public interface ClientDirectory {

  /**
   * Lists the clients, in the order a campaign should roll out to them; ids are unique.
   *
   * @throws IOException if the directory cannot be read
   * @throws ClientDirectoryException if its content is invalid
   */
  List<DirectoryEntry> clients() throws IOException;

  /** A directory of fixed clients, all in the {@link DirectoryEntry#DEFAULT_GROUP}. */
  static ClientDirectory of(Collection<Client> clients) {
    List<DirectoryEntry> entries = clients.stream().map(DirectoryEntry::of).toList();
    return () -> entries;
  }
}
