package io.patchbay.cli;

import io.patchbay.spi.TransportProvider;
import io.patchbay.spi.Transports;
import io.patchbay.transport.mender.DeviceAdmission;
import io.patchbay.transport.mender.MenderTransport;
import io.patchbay.transport.mender.MenderTransportConfig;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The Mender device API a command serves for its {@code mender://DEVICE-ID} clients
 * (docs/protocol-mender.md): {@code --mender-listen HOST:PORT} and who is admitted. Without {@code
 * --mender-listen}, a {@code mender} client fails and says to give it.
 */
final class MenderOptions {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  @Option(
      names = "--mender-listen",
      paramLabel = "IP:PORT",
      description =
          "Serve the Mender device API for mender://DEVICE-ID clients on this LAN address; the"
              + " devices' ServerURL is http://IP:PORT.")
  String listen;

  @Option(
      names = "--mender-device",
      paramLabel = "ID",
      description =
          "A Mender device admitted by its identity (the mac its identity script prints);"
              + " repeatable.")
  List<String> devices = new ArrayList<>();

  @Option(
      names = "--mender-accept-all",
      description = "Admit every Mender device that asks: for labs only.")
  boolean acceptAll;

  @Option(
      names = "--mender-poll-timeout",
      defaultValue = "PT35M",
      paramLabel = "DURATION",
      description =
          "How long to wait for a Mender device's next poll, above its UpdatePollIntervalSeconds"
              + " (ISO-8601, default ${DEFAULT-VALUE}).")
  String pollTimeout;

  @Option(
      names = "--mender-wrap-into",
      paramLabel = "DIR",
      description =
          "Wrap plain files into single-file artifacts that install them under DIR on the"
              + " devices; without it only .mender catalog entries are offered.")
  String wrapInto;

  /**
   * Starts the device API if {@code --mender-listen} was given.
   *
   * @throws ParameterException if an option is invalid or no admission was given
   * @throws IOException if the address cannot be bound
   */
  Optional<MenderTransport> start(CommandSpec command) throws IOException {
    if (listen == null) {
      if (acceptAll || !devices.isEmpty() || wrapInto != null) {
        throw usage(
            command,
            "--mender-device, --mender-accept-all and --mender-wrap-into need --mender-listen");
      }
      return Optional.empty();
    }
    if (acceptAll == !devices.isEmpty()) {
      throw usage(
          command, "--mender-listen needs either --mender-device ID... or --mender-accept-all");
    }
    MenderTransportConfig.Builder config =
        MenderTransportConfig.builder(address(command))
            .admission(
                acceptAll ? DeviceAdmission.acceptAll() : DeviceAdmission.identities(devices))
            .pollTimeout(duration(command));
    try {
      if (wrapInto != null) {
        config.wrapPlainFiles(wrapInto);
      }
    } catch (IllegalArgumentException e) {
      throw usage(command, "Invalid value for option '--mender-wrap-into': " + e.getMessage());
    }
    return Optional.of(MenderTransport.start(config.build()));
  }

  /** Routes {@code mender} clients of {@code gateway} to {@code mender}, the rest as before. */
  static void applyTo(
      UpdateOrchestrator.Builder gateway, Transports others, MenderTransport mender) {
    List<TransportProvider> providers = new ArrayList<>();
    for (String scheme : others.schemes()) {
      TransportProvider provider = others.forScheme(scheme);
      if (!mender.schemes().contains(scheme) && !providers.contains(provider)) {
        providers.add(provider);
      }
    }
    providers.add(mender);
    gateway.transports(Transports.of(providers));
  }

  private InetSocketAddress address(CommandSpec command) {
    int colon = listen.lastIndexOf(':');
    String host = colon < 0 ? "" : listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(listen.substring(colon + 1));
      // An IP literal only: the address devices are pointed at should not depend on DNS.
      if (port < 1 || port > 65535 || !(IPV4.matcher(host).matches() || host.contains(":"))) {
        throw new IllegalArgumentException();
      }
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (IOException | IllegalArgumentException e) {
      throw usage(
          command,
          "Invalid value for option '--mender-listen': "
              + listen
              + " is not an IP-address:port such as 192.168.1.1:8490");
    }
  }

  private Duration duration(CommandSpec command) {
    try {
      Duration duration = Duration.parse(pollTimeout.toUpperCase(Locale.ROOT));
      if (duration.isNegative() || duration.isZero()) {
        throw new DateTimeParseException("not positive", pollTimeout, 0);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw usage(
          command,
          "Invalid value for option '--mender-poll-timeout': "
              + pollTimeout
              + " is not a positive ISO-8601 duration such as PT35M");
    }
  }

  private static ParameterException usage(CommandSpec command, String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
