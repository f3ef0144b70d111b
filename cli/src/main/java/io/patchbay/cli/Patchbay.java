package io.patchbay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code patchbay} command: runs a gateway against real head ends and devices, and the lab
 * pieces (head end, devices, demo) around it.
 *
 * <p>Exit codes: 0 everything succeeded; 1 the run finished but some clients or files failed; 2
 * the command line was wrong; 3 the command could not run (an unreachable or invalid catalog, an
 * unusable directory). Errors are one line; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "patchbay",
    mixinStandardHelpOptions = true,
    versionProvider = Patchbay.Version.class,
    description = "Keeps the software on fleets of IP clients up to date through a gateway.",
    subcommands = {
      DemoCommand.class,
      PlanCommand.class,
      UpdateCommand.class,
      CatalogCommand.class,
      DeviceCommand.class,
      HeadEndCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything succeeded",
      "1:the run finished, but some clients or files failed",
      "2:the command line was wrong",
      "3:the command could not run (catalog unreachable or invalid, directory unusable, ...)"
    })
public final class Patchbay {

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean verbose;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for embedding and tests. */
  public static int run(String... args) {
    Patchbay root = new Patchbay();
    CommandLine commandLine = new CommandLine(root);
    commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
      line.getErr().println("patchbay: " + oneLine(error));
      if (root.verbose) {
        error.printStackTrace(line.getErr());
      }
      return ExitCodes.ERROR;
    });
    return commandLine.execute(args);
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage();
    String text = message == null ? error.getClass().getSimpleName() : message;
    return text.replace('\n', ' ');
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
