package io.patchbay.cli;

import io.patchbay.model.Client;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.update.UpdateOrchestrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code patchbay plan}: interrogates clients and prints what an update would do, changing nothing. */
@Command(name = "plan", description = "Interrogate clients and print their plans; change nothing.")
final class PlanCommand implements Callable<Integer> {

  @Mixin GatewayOptions options;

  @Override
  public Integer call() throws Exception {
    UpdateOrchestrator gateway = options.gateway().build();
    for (Client client : options.clients()) {
      UpdatePlan plan = gateway.plan(client);
      if (options.json) {
        ReportPrinter.json(plan, System.out);
      } else {
        ReportPrinter.table(plan, System.out);
      }
    }
    return ExitCodes.OK;
  }
}
