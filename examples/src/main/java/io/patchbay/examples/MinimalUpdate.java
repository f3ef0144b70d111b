package io.patchbay.examples;

import io.patchbay.model.Client;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * The smallest useful program: updates one client from one head end, using the catalog only if the
 * operator's key signed it for the repository, and says how it went. {@code java
 * io.patchbay.examples.MinimalUpdate https://head-end/catalog.json acme-prod operator.pub
 * http://10.0.0.7:8080}
 */
public final class MinimalUpdate {

  private MinimalUpdate() {}

  /**
   * Updates the client at {@code args[3]} from the catalog at {@code args[0]}, of repository {@code
   * args[1]} signed by the public key in file {@code args[2]}; exits 1 if it failed.
   *
   * @throws IOException if the key file or the state directory cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path state = Path.of(System.getProperty("user.home"), ".local", "state", "patchbay");
    UpdateReport report =
        update(
            URI.create(args[0]),
            args[1],
            Ed25519Keys.readPublic(Path.of(args[2])),
            state,
            URI.create(args[3]));
    System.out.println(
        report.succeeded()
            ? "Updated " + report.updatedCount() + " files"
            : "Failed: " + (report.error() != null ? report.error() : report.failures()));
    System.exit(report.succeeded() ? 0 : 1);
  }

  /**
   * Updates the client at {@code client} from the catalog at {@code catalog}, once verified as
   * signed by {@code operator} for {@code repository}; the last accepted serial is kept in {@code
   * state}, so an older catalog is refused after a restart too.
   *
   * @throws IOException if the state directory cannot be created
   */
  public static UpdateReport update(
      URI catalog, String repository, PublicKey operator, Path state, URI client)
      throws IOException {
    Transports transports = Transports.load();
    CatalogVerifier verifier =
        CatalogVerifier.builder(TrustPolicy.of(1, List.of(operator)), repository)
            .serials(SerialStore.directory(state))
            .build();
    return UpdateOrchestrator.builder()
        .catalog(verifier.guard(catalog, transports.catalog(catalog)))
        .transports(transports)
        .build()
        .update(Client.of(client.getAuthority(), client));
  }
}
