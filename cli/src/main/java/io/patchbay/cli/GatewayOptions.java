package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.model.Client;
import io.patchbay.spi.Transports;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.update.UpdateSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every command that talks to a head end and clients shares. */
final class GatewayOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--catalog",
      required = true,
      paramLabel = "URL",
      description = "The head end's catalog.")
  URI catalog;

  @Option(
      names = "--client",
      paramLabel = "[ID=]URI",
      description = "A client, such as stb-1=http://10.0.0.7:8080.")
  List<String> clientSpecs = new ArrayList<>();

  @Option(
      names = "--clients",
      paramLabel = "FILE",
      description = "A file of clients: ID URI [attribute=value ...] per line.")
  Path clientsFile;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Mixin TrustOptions trust;

  @Mixin TlsOptions tls;

  /**
   * The clients named on the command line and in the clients file.
   *
   * @throws ParameterException if there are none, or a {@code --client} is not {@code [ID=]URI}
   */
  List<Client> clients() throws IOException {
    List<Client> clients = new ArrayList<>();
    for (String spec : clientSpecs) {
      try {
        clients.add(ClientSpecs.parse(spec));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            command.commandLine(),
            "Invalid value for option '--client': "
                + spec
                + " is not [ID=]URI ("
                + e.getMessage()
                + ")");
      }
    }
    if (clientsFile != null) {
      clients.addAll(ClientSpecs.read(clientsFile));
    }
    if (clients.isEmpty()) {
      throw new ParameterException(command.commandLine(), "No clients: give --client or --clients");
    }
    return clients;
  }

  /**
   * An orchestrator for the catalog, with the command line's transports (with mutual TLS for HTTPS
   * devices if {@code --tls-*} options were given); behind a verifier if {@code --trust} keys were
   * given, and refused unless {@code --allow-unsigned} if none were.
   */
  UpdateOrchestrator.Builder gateway() throws IOException {
    Transports transports = Patchbay.transports(command, tls.forGateway(command));
    CentralCatalog headEnd = transports.catalog(catalog);
    if (!trust.enabled() && !trust.allowUnsigned) {
      throw new UnsignedRefusedException();
    }
    UpdateOrchestrator.Builder gateway =
        UpdateOrchestrator.builder()
            .catalog(trust.enabled() ? trust.verifier().guard(catalog, headEnd) : headEnd)
            .transports(transports);
    return trust.enabled() ? gateway : gateway.allowUnsigned();
  }

  /**
   * The command was given no keys to verify the catalog with, and not told to use it unsigned: it
   * could not run, and neither the head end nor any client was contacted.
   */
  static final class UnsignedRefusedException extends PatchbayException {
    UnsignedRefusedException() {
      super(
          "Refusing an unsigned catalog: give the operator's keys with --trust PUBFILE"
              + " --repository ID, or --allow-unsigned for a lab");
    }
  }

  /**
   * Fetches and checks the catalog once, for planning or updating clients one by one.
   *
   * @throws CommandFailure naming the catalog if it cannot be fetched, read or verified
   */
  UpdateSession openSession(UpdateOrchestrator gateway) throws CommandFailure {
    try {
      return gateway.openSession();
    } catch (IOException | RuntimeException e) {
      throw CommandFailure.unusableCatalog(catalog, e);
    }
  }
}
