package io.patchbay.examples;

import io.patchbay.model.Client;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.LoggingUpdateListener;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * The README's embedding example: a gateway updating a fleet from a head end, kept compiling and
 * running here.
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /**
   * Updates {@code clients} from the catalog at {@code catalogUri}, once it is verified as signed
   * by one of {@code operatorKeys} for {@code repository}; every failure is in the report.
   *
   * @throws IOException if the state directory cannot be created
   */
  // The documentation shows this code as it is laid out here (spotless:off keeps the formatter
  // from reflowing its aligned comments).
  // spotless:off
  // README:begin
  public static FleetReport updateFleet(Transports transports, URI catalogUri, List<PublicKey> operatorKeys,
      String repository, Path stateDir, List<Client> clients) throws IOException {
    // Transports come from the class path (Transports.load()) or are given explicitly.
    CatalogVerifier verifier = CatalogVerifier.builder(TrustPolicy.of(1, operatorKeys), repository)
        .serials(SerialStore.directory(stateDir))       // the last accepted serial survives restarts
        .build();
    UpdateOrchestrator gateway = UpdateOrchestrator.builder()
        .catalog(verifier.guard(catalogUri, transports.catalog(catalogUri))) // refused unless the operator signed it
        .transports(transports)                         // each client by its endpoint's scheme
        .policy(UpdatePolicy.defaults()                 // install missing files, never downgrade,
            .withHeld(Set.of("etc/operator.conf")))     // and never touch this file
        .maxConcurrentClients(16)                       // on a pool of its own, or .executor(...)
        .listener(new LoggingUpdateListener())          // progress and outcomes to slf4j
        .build();

    // Verify the catalog, interrogate, plan, fetch each artifact once, verify, transfer, confirm, report.
    FleetReport report = gateway.updateAll(clients);
    for (var failed : report.failures()) {
      // Every failure is in the report, at the step where it happened; nothing is thrown.
      System.err.println(failed.client().id() + " failed at " + failed.failedStep() + ": " + failed.error());
    }
    return report;
  }
  // README:end
  // spotless:on
}
