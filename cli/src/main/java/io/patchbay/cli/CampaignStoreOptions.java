package io.patchbay.cli;

import io.patchbay.campaign.postgres.PostgresCampaignStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a campaign command finds the campaign's state: a journal file ({@code --journal}), or a
 * PostgreSQL database that several gateways share ({@code --store} with {@code --name}). The
 * database's credentials never come from the command line, where any user can read them: from
 * {@code --store-credentials FILE} (a properties file with {@code user} and {@code password}), or
 * else from the environment ({@code PATCHBAY_STORE_USER}, {@code PATCHBAY_STORE_PASSWORD}), or else
 * from the driver's own {@code ~/.pgpass}.
 */
final class CampaignStoreOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "The campaign's journal, written before every step, to resume from; for one gateway."
              + " Give it or --store.")
  Path journal;

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description =
          "Keep the campaign's state in PostgreSQL, such as jdbc:postgresql://db:5432/patchbay,"
              + " shared by every gateway that runs the campaign; without credentials, which come"
              + " from --store-credentials or PATCHBAY_STORE_USER and PATCHBAY_STORE_PASSWORD.")
  String store;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The campaign's name in the --store database; every gateway gives the same.")
  String name;

  @Option(
      names = "--store-credentials",
      paramLabel = "FILE",
      description = "A properties file with the --store database's user and password.")
  Path credentials;

  @Option(
      names = "--worker-id",
      paramLabel = "ID",
      description =
          "What this gateway's leases in the --store database carry (default: host, process id"
              + " and a random part).")
  String workerId;

  /** Where the environment is read; a test gives its own. */
  UnaryOperator<String> environment = System::getenv;

  /** Whether the state is in a database rather than a journal file. */
  boolean shared() {
    return store != null;
  }

  /**
   * Checks that exactly one kind of state is given, with what it needs.
   *
   * @throws ParameterException if not
   */
  void check() {
    if ((journal == null) == (store == null)) {
      throw usage("Give the campaign's state: --journal FILE, or --store JDBC_URL with --name");
    }
    if (store == null && (name != null || credentials != null || workerId != null)) {
      throw usage("--name, --store-credentials and --worker-id go with --store");
    }
    if (store != null && name == null) {
      throw usage("--store needs the campaign's --name");
    }
  }

  /**
   * The database store.
   *
   * @throws ParameterException if an option's value is invalid
   * @throws CommandFailure if the credentials file cannot be read
   */
  PostgresCampaignStore database() throws CommandFailure {
    try {
      PostgresCampaignStore.Builder builder =
          PostgresCampaignStore.builder().url(store).campaign(name);
      if (workerId != null) {
        builder.workerId(workerId);
      }
      try {
        StoreCredentials.apply(builder, credentials, environment);
      } catch (IOException e) {
        throw new CommandFailure("Cannot read the store credentials " + credentials, e);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** What names the state in messages. */
  String describe() {
    return shared() ? "The campaign " + name + " in " + store : "The journal " + journal;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
