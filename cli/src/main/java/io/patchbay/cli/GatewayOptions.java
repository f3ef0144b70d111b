package io.patchbay.cli;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.model.Client;
import io.patchbay.spi.Transports;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that talks to a head end and clients shares. */
final class GatewayOptions {

  @Option(names = "--catalog", required = true, paramLabel = "URL", description = "The head end's catalog.")
  URI catalog;

  @Option(names = "--client", paramLabel = "[ID=]URI", description = "A client, such as stb-1=http://10.0.0.7:8080.")
  List<String> clientSpecs = new ArrayList<>();

  @Option(names = "--clients", paramLabel = "FILE", description = "A file of clients: ID URI [attribute=value ...] per line.")
  Path clientsFile;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Mixin
  TrustOptions trust;

  /** The clients named on the command line and in the clients file. */
  List<Client> clients() throws IOException {
    List<Client> clients = new ArrayList<>();
    clientSpecs.stream().map(ClientSpecs::parse).forEach(clients::add);
    if (clientsFile != null) {
      clients.addAll(ClientSpecs.read(clientsFile));
    }
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("No clients: give --client or --clients");
    }
    return clients;
  }

  /**
   * An orchestrator for the catalog, with every transport on the class path; behind a verifier if
   * {@code --trust} keys were given.
   */
  UpdateOrchestrator.Builder gateway() throws IOException {
    Transports transports = Transports.load();
    CentralCatalog headEnd = transports.catalog(catalog);
    return UpdateOrchestrator.builder()
        .catalog(trust.enabled() ? trust.verifier().guard(catalog, headEnd) : headEnd)
        .transports(transports);
  }
}
