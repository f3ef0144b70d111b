package io.patchbay.examples;

import io.patchbay.model.Client;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.update.UpdateOrchestrator;
import java.net.URI;

/**
 * The smallest useful program: updates one client from one head end and says how it went. {@code
 * java io.patchbay.examples.MinimalUpdate https://head-end/catalog.json http://10.0.0.7:8080}
 */
public final class MinimalUpdate {

  private MinimalUpdate() {}

  /**
   * Updates the client at {@code args[1]} from the catalog at {@code args[0]}; exits 1 if it
   * failed.
   */
  public static void main(String[] args) {
    UpdateReport report = update(URI.create(args[0]), URI.create(args[1]));
    System.out.println(
        report.succeeded()
            ? "Updated " + report.updatedCount() + " files"
            : "Failed: " + (report.error() != null ? report.error() : report.failures()));
    System.exit(report.succeeded() ? 0 : 1);
  }

  /** Updates the client at {@code client} from the catalog at {@code catalog}. */
  public static UpdateReport update(URI catalog, URI client) {
    Transports transports = Transports.load();
    return UpdateOrchestrator.builder()
        .catalog(transports.catalog(catalog))
        .transports(transports)
        .build()
        .update(Client.of(client.getAuthority(), client));
  }
}
