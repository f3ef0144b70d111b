package io.patchbay.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.patchbay.micrometer.PatchbayMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code patchbay gateway --config FILE}: the long-running gateway (docs/gateway.md). Exits 2 for a
 * bad configuration, naming each error's line and key. SIGHUP asks for a pass at once. On SIGTERM
 * (or SIGINT) it stops taking work, lets the clients in progress finish within {@code
 * shutdownGrace}, writes its journal and exits 0; a second SIGTERM during the grace aborts the
 * clients in progress at once, and it exits 0 as well once the journal is written.
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
            settings,
            Patchbay.transports(spec, settings.transport()),
            status,
            new PatchbayMetrics(registry),
            out);
    Optional<AdminServer> admin = Optional.empty();
    try {
      if (settings.admin().isPresent()) {
        admin = Optional.of(AdminServer.start(settings.admin().get(), status, registry));
        out.println("patchbay gateway: admin endpoint on " + admin.get().origin() + "/");
      }
      Stop stop = new Stop(service, settings, out);
      // The gateway owns these signals: the JVM's own handler for TERM and INT would run shutdown
      // hooks, during which a second signal does nothing (checked on JDK 17), so a second SIGTERM
      // could not cut the grace short. Handlers run on a new thread per signal.
      if (Signal.handle(new Signal("HUP"), signal -> service.wake()) == SignalHandler.SIG_IGN) {
        // The JVM keeps a hang-up signal ignored if it was at start (nohup): it cannot wake us.
        out.println(
            "patchbay gateway: SIGHUP is ignored in this process (started with nohup, or by a"
                + " parent that ignores it), so it cannot ask for a pass: the catalog is fetched"
                + " every "
                + settings.headEnd().pollInterval());
      }
      Signal.handle(new Signal("TERM"), signal -> stop.signalled("SIGTERM"));
      Signal.handle(new Signal("INT"), signal -> stop.signalled("SIGINT"));
      out.println("patchbay gateway: watching " + settings.headEnd().catalog());
      out.flush();
      // The loop ends only by a stop (or an error, thrown): the stop's thread has the exit code.
      service.run();
      return stop.exitCode.join();
    } finally {
      admin.ifPresent(AdminServer::close);
    }
  }

  /**
   * A stop asked for by a signal: the first starts a clean stop within the grace period on a thread
   * of its own, the second aborts the clients still in progress at once, later ones do nothing
   * more. Thread-safe: each signal is handled on a new thread.
   */
  private static final class Stop {
    private final GatewayService service;
    private final GatewayConfig settings;
    private final PrintWriter out;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private int signals;

    Stop(GatewayService service, GatewayConfig settings, PrintWriter out) {
      this.service = service;
      this.settings = settings;
      this.out = out;
    }

    synchronized void signalled(String name) {
      signals++;
      if (signals == 1) {
        say(name + ": stopping, grace " + settings.shutdownGrace() + " (again to abort at once)");
        Thread stopping = new Thread(this::stop, "patchbay-gateway-stop");
        stopping.start();
      } else if (signals == 2) {
        say(name + " again: aborting the clients in progress, they keep their old files");
        service.abort();
      }
    }

    /**
     * Stops the service; the exit code is 0 once its journal is written. If the loop did not end in
     * time, the thread running it cannot return an exit code, so this halts the JVM with {@link
     * ExitCodes#ERROR}.
     */
    private void stop() {
      boolean clean;
      try {
        clean = service.shutdown(settings.shutdownGrace());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        clean = false;
      }
      say(clean ? "stopped" : "did not stop in time");
      if (!clean) {
        Runtime.getRuntime().halt(ExitCodes.ERROR);
      }
      exitCode.complete(ExitCodes.OK);
    }

    private void say(String line) {
      synchronized (out) {
        out.println("patchbay gateway: " + line);
        out.flush();
      }
    }
  }
}
