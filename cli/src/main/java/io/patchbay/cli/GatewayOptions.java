package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.model.Client;
import io.patchbay.spi.Transports;
import io.patchbay.transport.http.RequestAuthenticator;
import io.patchbay.update.UpdateOrchestrator;
import io.patchbay.update.UpdateSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
      description =
          "A file of clients: ID URI [attribute=value ...] per line (for campaign, a client"
              + " directory in JSON or CSV).")
  Path clientsFile;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Option(
      names = "--artifact-origin",
      paramLabel = "URL",
      description =
          "Another origin (http, https or tftp://host:port) that artifacts and HTTP redirects may"
              + " come from, such as a CDN; repeatable. By default only the catalog's own origin"
              + " is reached.")
  List<URI> artifactOrigins = new ArrayList<>();

  @Option(
      names = "--head-end-token-file",
      paramLabel = "FILE",
      description =
          "A file holding a bearer token for the head end, sent to the catalog's origin only.")
  Path headEndTokenFile;

  @Option(
      names = "--device-token-file",
      paramLabel = "FILE",
      description = "A file holding a bearer token for the clients, sent to clients only.")
  Path deviceTokenFile;

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
   * devices if {@code --tls-*} options were given, and the extra artifact origins and credentials
   * of {@link #transportSettings()}); behind a verifier if {@code --trust} keys were given, and
   * refused unless {@code --allow-unsigned} if none were.
   */
  UpdateOrchestrator.Builder gateway() throws IOException {
    Transports transports = Patchbay.transports(command, transportSettings());
    return HeadEndAccess.open(
            transports, catalog, trust.enabled() ? trust.verifier() : null, trust.allowUnsigned)
        .orchestrator(transports);
  }

  /**
   * The transport settings of the command line.
   *
   * @throws ParameterException if an origin is not an http, https or tftp URL or a token file is
   *     unusable
   */
  TransportSettings transportSettings() {
    for (URI origin : artifactOrigins) {
      if (!TransportSettings.isOrigin(origin)) {
        throw new ParameterException(
            command.commandLine(),
            "Invalid value for option '--artifact-origin': "
                + origin
                + " is not an http, https or tftp URL");
      }
    }
    return new TransportSettings(
        tls.forGateway(command),
        artifactOrigins,
        bearer("--head-end-token-file", headEndTokenFile),
        bearer("--device-token-file", deviceTokenFile));
  }

  /** The bearer token in {@code file}, if one was given, for {@code option}. */
  private Optional<RequestAuthenticator> bearer(String option, Path file) {
    if (file == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TransportSettings.bearerToken(file));
    } catch (IOException e) {
      throw new ParameterException(
          command.commandLine(), "Cannot read " + option + " " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), option + " " + e.getMessage());
    }
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
