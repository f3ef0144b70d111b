package io.patchbay.cli;

import io.patchbay.model.Client;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.update.UpdateSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay plan}: interrogates clients and prints what an update would do, changing nothing.
 * The catalog is fetched once; a client that cannot be planned is reported by name and the others
 * are still planned, as {@code update} does. A client reporting a version newer than the catalog's
 * (an anomaly) is counted and makes the exit code {@link ExitCodes#ANOMALIES} unless one failed.
 */
@Command(name = "plan", description = "Interrogate clients and print their plans; change nothing.")
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin GatewayOptions options;

  @Override
  public Integer call() throws IOException, CommandFailure {
    PrintWriter out = spec.commandLine().getOut();
    List<Client> clients = options.clients();
    int failed = 0;
    int anomalous = 0;
    try (UpdateSession session = options.openSession(options.gateway().build())) {
      for (Client client : clients) {
        try {
          UpdatePlan plan = session.plan(client);
          if (!plan.anomalies().isEmpty()) {
            anomalous++;
          }
          if (options.json) {
            ReportPrinter.json(plan, out);
          } else {
            ReportPrinter.table(plan, out);
          }
        } catch (IOException | RuntimeException e) {
          failed++;
          if (options.json) {
            ReportPrinter.jsonPlanFailure(client, e, out);
          } else {
            ReportPrinter.planFailure(client, e, out);
          }
        }
      }
    }
    if (!options.json) {
      out.printf(
          "%n%d clients planned, %d failed, %d with anomalies%n",
          clients.size() - failed, failed, anomalous);
    }
    out.flush();
    return ExitCodes.ofRun(failed > 0, anomalous > 0);
  }
}
