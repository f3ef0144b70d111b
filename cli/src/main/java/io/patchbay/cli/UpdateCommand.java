package io.patchbay.cli;

import io.patchbay.model.Client;
import io.patchbay.report.FleetReport;
import io.patchbay.transport.mender.MenderTransport;
import io.patchbay.update.UpdateOrchestrator;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchbay update}: the real gateway run against a head end and clients. */
@Command(name = "update", description = "Update clients from the head end's catalog.")
final class UpdateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin GatewayOptions options;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      paramLabel = "N",
      description = "Clients updated at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Also write the report as JSON to FILE.")
  Path report;

  @Mixin CacheOptions cache;

  @Mixin MenderOptions mender;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    UpdateOrchestrator.Builder gateway = options.gateway().maxConcurrentClients(concurrency);
    if (!options.json) {
      gateway.listener(new Progress(out, Progress.onTerminal()));
    }
    cache.applyTo(gateway);
    List<Client> clients = options.clients();
    Optional<MenderTransport> menderServer = mender.start(spec);
    FleetReport result;
    try {
      menderServer.ifPresent(
          server ->
              MenderOptions.applyTo(
                  gateway, Patchbay.transports(spec, options.transportSettings()), server));
      result = gateway.build().updateAll(clients);
    } finally {
      menderServer.ifPresent(MenderTransport::close);
    }
    Optional<Throwable> catalogError = CommandFailure.catalogError(result);
    // Programs get the report whatever happened; people get one error line instead of a table in
    // which every client failed for the same reason.
    if (options.json) {
      ReportPrinter.json(result, out);
    } else if (catalogError.isEmpty()) {
      ReportPrinter.table(result, out);
    }
    if (report != null) {
      try (Writer file = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
        ReportPrinter.json(result, file);
      }
    }
    if (catalogError.isPresent()) {
      throw CommandFailure.unusableCatalog(options.catalog, catalogError.get());
    }
    return ExitCodes.ofRun(!result.succeeded(), !result.anomalous().isEmpty());
  }
}
