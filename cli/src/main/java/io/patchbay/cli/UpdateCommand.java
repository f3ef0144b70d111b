package io.patchbay.cli;

import io.patchbay.fetch.ArtifactCache;
import io.patchbay.report.FleetReport;
import io.patchbay.update.UpdateOrchestrator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code patchbay update}: the real gateway run against a head end and clients. */
@Command(name = "update", description = "Update clients from the head end's catalog.")
final class UpdateCommand implements Callable<Integer> {

  @Mixin GatewayOptions options;

  @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Clients updated at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
  Path report;

  @Option(names = "--cache", paramLabel = "DIR", description = "Keep artifacts in DIR between runs.")
  Path cache;

  @Option(names = "--cache-size", defaultValue = "10g", paramLabel = "SIZE", description = "Cap of the cache (default ${DEFAULT-VALUE}).")
  String cacheSize;

  @Override
  public Integer call() throws Exception {
    UpdateOrchestrator.Builder gateway = options.gateway().maxConcurrentClients(concurrency);
    if (!options.json) {
      gateway.listener(new Progress(System.out, System.console() != null));
    }
    if (cache != null) {
      gateway.artifactStore(ArtifactCache.open(cache, Sizes.parse(cacheSize)));
    }
    FleetReport result = gateway.build().updateAll(options.clients());
    if (options.json) {
      ReportPrinter.json(result, System.out);
    } else {
      ReportPrinter.table(result, System.out);
    }
    if (report != null) {
      try (OutputStream out = Files.newOutputStream(report)) {
        ReportPrinter.json(result, out);
      }
    }
    return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILURES;
  }
}
