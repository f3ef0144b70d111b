package io.patchbay.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.patchbay.micrometer.PatchbayMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay gateway --config FILE}: the long-running gateway (docs/gateway.md). Exits 2 for a
 * bad configuration, naming each error's line and key; on SIGTERM it stops taking work, lets the
 * clients in progress finish within {@code shutdownGrace}, writes its journal and exits 0.
 */
@Command(
    name = "gateway",
    description = {
      "Run the gateway as a service: watch the head end, and roll every new catalog out to the"
          + " clients in campaigns, resumed after a restart.",
      "Configured by one YAML file; see docs/gateway.md."
    })
final class GatewayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The gateway's configuration (YAML).")
  Path config;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GatewayConfig settings;
    try {
      settings = GatewayConfig.read(config);
    } catch (GatewayConfig.InvalidConfigException e) {
      e.errors.forEach(line -> err.println("patchbay: " + line));
      err.flush();
      return ExitCodes.USAGE;
    }
    GatewayStatus status = new GatewayStatus();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayService service =
        GatewayService.create(
            settings, Patchbay.transports(spec), status, new PatchbayMetrics(registry), out);
    Optional<AdminServer> admin = Optional.empty();
    try {
      if (settings.admin().isPresent()) {
        admin = Optional.of(AdminServer.start(settings.admin().get(), status, registry));
        out.println("patchbay gateway: admin endpoint on " + admin.get().origin() + "/");
      }
      out.println("patchbay gateway: watching " + settings.headEnd().catalog());
      out.flush();
      Thread hook = new Thread(() -> stop(service, settings, out), "patchbay-gateway-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        service.run();
      } finally {
        // A loop that ended by itself (an error) must not be reported as a clean stop by the hook.
        removeUnlessShuttingDown(hook);
      }
      return ExitCodes.OK;
    } finally {
      admin.ifPresent(AdminServer::close);
    }
  }

  private static void removeUnlessShuttingDown(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down (a SIGTERM): the hook runs and decides the exit code.
    }
  }

  /**
   * The shutdown hook: a clean stop within the grace period. A JVM stopped by a signal exits with
   * 128 plus the signal's number whatever its hooks do, unless one halts it: so the hook halts with
   * 0 once the journal is written, and with {@link ExitCodes#ERROR} if the loop did not end.
   */
  private static void stop(GatewayService service, GatewayConfig settings, PrintWriter out) {
    boolean clean;
    try {
      out.println("patchbay gateway: stopping, grace " + settings.shutdownGrace());
      out.flush();
      clean = service.shutdown(settings.shutdownGrace());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      clean = false;
    }
    out.println("patchbay gateway: " + (clean ? "stopped" : "did not stop in time"));
    out.flush();
    Runtime.getRuntime().halt(clean ? ExitCodes.OK : ExitCodes.ERROR);
  }
}
