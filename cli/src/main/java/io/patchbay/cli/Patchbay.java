package io.patchbay.cli;

import io.patchbay.spi.TransportProvider;
import io.patchbay.spi.Transports;
import io.patchbay.transport.http.HttpTransport;
import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.tftp.TftpTransport;
import io.patchbay.transport.tftp.TftpTransportConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code patchbay} command: runs a gateway against real head ends and devices, and the lab
 * pieces (head end, devices, demo) around it.
 *
 * <p>Exit codes are in {@link ExitCodes}. Errors name what failed and why; {@code --verbose} adds
 * the stack trace.
 */
@Command(
    name = "patchbay",
    // Inherited by every subcommand, at any depth: --help, --version and the exit code table.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Patchbay.Version.class,
    description = "Keeps the software on fleets of IP clients up to date through a gateway.",
    subcommands = {
      DemoCommand.class,
      PlanCommand.class,
      UpdateCommand.class,
      CampaignCommand.class,
      CatalogCommand.class,
      DeviceCommand.class,
      HeadEndCommand.class,
      GatewayCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK + ":everything succeeded",
      ExitCodes.FAILURES + ":the run finished, but some clients or files failed",
      ExitCodes.USAGE + ":the command line was wrong",
      ExitCodes.ERROR
          + ":the command could not run (catalog unreachable, invalid or refused; file unreadable; ...)",
      ExitCodes.ANOMALIES
          + ":nothing failed, but a client reports a version newer than the catalog's (an anomaly)"
    })
public final class Patchbay {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean verbose;

  private final TransportFactory transports;

  private Patchbay(TransportFactory transports) {
    this.transports = transports;
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for embedding and tests. */
  public static int run(String... args) {
    return commandLine(Patchbay::classPathTransports).execute(args);
  }

  /** Makes the transports a command talks through. */
  @FunctionalInterface
  interface TransportFactory {
    /** The transports, configured with {@code settings}. */
    Transports create(TransportSettings settings);
  }

  /**
   * Every transport on the class path; with HTTP settings, the HTTP one configured with them, since
   * {@link ServiceLoader} can only make it with defaults.
   */
  static Transports classPathTransports(TransportSettings settings) {
    if (settings.isDefault()) {
      return Transports.load();
    }
    HttpTransport http = new HttpTransport(settings.applyTo(HttpTransportConfig.builder()).build());
    TftpTransport tftp = new TftpTransport(settings.applyTo(TftpTransportConfig.builder()).build());
    List<TransportProvider> providers =
        ServiceLoader.load(TransportProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .map(
                provider ->
                    provider instanceof HttpTransport
                        ? http
                        : provider instanceof TftpTransport ? tftp : provider)
            .toList();
    return Transports.of(providers);
  }

  /**
   * The command line, ready to execute, talking to head ends and clients through {@code
   * transports}: every transport on the class path for users, transports with short timeouts for
   * tests. Its output and errors go to the command line's writers.
   */
  static CommandLine commandLine(TransportFactory transports) {
    Patchbay root = new Patchbay(transports);
    CommandLine commandLine = new CommandLine(root);
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          PrintWriter err = line.getErr();
          for (String text : ErrorText.lines(error)) {
            err.println("patchbay: " + text);
          }
          if (root.verbose) {
            error.printStackTrace(err);
          }
          err.flush();
          return ExitCodes.ERROR;
        });
    return commandLine;
  }

  /** The transports of the command line that {@code command} belongs to. */
  static Transports transports(CommandSpec command) {
    return transports(command, TransportSettings.DEFAULTS);
  }

  /** Like {@link #transports(CommandSpec)}, the HTTP transport with {@code http} set. */
  static Transports transports(CommandSpec command, TransportSettings http) {
    return ((Patchbay) command.root().userObject()).transports.create(http);
  }

  /** Reads the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Patchbay.class.getPackage().getImplementationVersion();
      return new String[] {"patchbay " + (version == null ? "(development build)" : version)};
    }
  }
}
