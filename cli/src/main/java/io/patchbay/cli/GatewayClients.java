package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.DhcpLeaseDirectory;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.LeaseReading;
import io.patchbay.internal.Untrusted;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The gateway's clients from every source of its configuration combined: the clients file first,
 * then each lease file in the order given, each read again only when it changed. A source that
 * cannot be read, or is invalid or over its bounds, is logged and its clients wait until it is
 * fixed; the other sources' clients are still listed. An id that two sources list is logged (again
 * only when the set of such ids changes) and the first source's client is the one used.
 *
 * <p>{@link #clients()} is called by the gateway's loop only; {@link #refresh()} from any thread.
 */
final class GatewayClients {

  /** One source: how it is named in the log, and its directory. */
  private record Source(String name, ClientDirectory directory, Runnable refresh) {}

  private final List<Source> sources = new ArrayList<>();
  private final Consumer<String> log;

  // Used by the loop's thread only.
  private Set<String> duplicatesLogged = Set.of();

  GatewayClients(GatewayConfig.Clients config, Consumer<String> log) {
    this.log = log;
    config
        .file()
        .ifPresent(
            path -> {
              ClientsFile file = new ClientsFile(path);
              sources.add(new Source("clients file " + path, file, file::refresh));
            });
    for (GatewayConfig.Leases leases : config.leases()) {
      DhcpLeaseDirectory directory = leases.directory(this::readingLogged);
      sources.add(new Source("lease file " + leases.file(), directory, directory::refresh));
    }
  }

  /** Every source's clients, one per id; never fails: what fails is logged. */
  List<DirectoryEntry> clients() {
    Map<String, DirectoryEntry> clients = new LinkedHashMap<>();
    Map<String, String> sourceOf = new LinkedHashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (Source source : sources) {
      List<DirectoryEntry> listed;
      try {
        listed = source.directory().clients();
      } catch (IOException | PatchbayException e) {
        log.accept(source.name() + " not used until fixed: " + ErrorText.of(e));
        continue;
      }
      for (DirectoryEntry entry : listed) {
        String first = sourceOf.putIfAbsent(entry.id(), source.name());
        if (first == null) {
          clients.put(entry.id(), entry);
        } else {
          duplicates.add(
              "client id "
                  + Untrusted.quote(entry.id())
                  + " is listed by "
                  + first
                  + " and by "
                  + source.name()
                  + ": the first is used");
        }
      }
    }
    if (!duplicates.equals(duplicatesLogged)) {
      duplicates.forEach(log);
      duplicatesLogged = duplicates;
    }
    return List.copyOf(clients.values());
  }

  /** Reads every source again on the next {@link #clients()}, changed or not. */
  void refresh() {
    sources.forEach(source -> source.refresh().run());
  }

  private void readingLogged(LeaseReading reading) {
    log.accept(
        String.format(
            "lease file %s read: %d clients, %d inactive, %d skipped",
            reading.file(), reading.clients(), reading.inactive(), reading.skipped()));
    for (String problem : reading.problems()) {
      log.accept("lease file " + reading.file() + ": " + problem);
    }
  }
}
