package io.patchbay.examples;

import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.ClientRetries;
import io.patchbay.campaign.MaintenanceWindow;
import io.patchbay.campaign.StaticClientDirectory;
import io.patchbay.campaign.WavePlan;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.report.Step;
import io.patchbay.spi.Transports;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.Sleeper;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The campaign example of docs/campaigns.md, kept compiling and running here. */
public final class CampaignExample {

  private CampaignExample() {}

  /**
   * Rolls the catalog at {@code catalogUri}, once verified as signed by one of {@code operatorKeys}
   * for {@code repository}, out to the clients listed in {@code clientsCsv}, keeping the journal,
   * the artifact cache and the last accepted serial in {@code stateDir}; {@code clock} and {@code
   * sleeper} are the system's in production.
   */
  // The documentation shows this code as it is laid out here (spotless:off keeps the formatter
  // from reflowing its aligned comments).
  // spotless:off
  // DOC:begin
  public static CampaignReport rollOut(Transports transports, URI catalogUri, List<PublicKey> operatorKeys,
      String repository, Path clientsCsv, Path stateDir, Clock clock, Sleeper sleeper) throws IOException {
    CatalogVerifier verifier = CatalogVerifier.builder(TrustPolicy.of(1, operatorKeys), repository)
        .serials(SerialStore.directory(stateDir.resolve("trust")))           // no rollback, even after a restart
        .clock(clock)
        .build();
    UpdateOrchestrator gateway = UpdateOrchestrator.builder()
        .catalog(verifier.guard(catalogUri, transports.catalog(catalogUri)))  // only what the operator signed
        .transports(transports)
        .artifactStore(ArtifactCache.open(stateDir.resolve("cache"), 4L << 30)) // downloads survive a restart
        .stepTimeout(Step.INTERROGATE, Duration.ofSeconds(30))                  // a silent client fails fast
        .stepTimeout(Step.TRANSFER, Duration.ofMinutes(20))
        .confirmation(Duration.ofSeconds(90), 5, Duration.ofSeconds(30))        // clients reboot to activate
        .clock(clock).sleeper(sleeper)
        .build();

    Campaign campaign = Campaign.builder()
        .directory(StaticClientDirectory.read(clientsCsv))                      // id,endpoint,group,model,...
        .orchestrator(gateway)
        .plan(WavePlan.builder().canaryClients(5).growth(3).successThreshold(0.98).errorLimit(0.02).build())
        .window("living-rooms", MaintenanceWindow.daily(LocalTime.of(2, 0), LocalTime.of(5, 0), ZoneId.of("Europe/Paris")))
        .maxConcurrentClients(32)
        .maxConcurrentTransfers(8)
        .bandwidthBudget(12_500_000)                                            // 100 Mbit/s of the LAN
        .retries(new ClientRetries(3, Duration.ofMinutes(1), Duration.ofMinutes(10)))
        .journal(stateDir.resolve("campaign.journal"))                          // resume after a crash
        .listener(new CampaignListener() {
          @Override
          public void clientFinished(ClientOutcome outcome) {
            System.out.println(outcome.clientId() + " " + outcome.status());  // or to your management system
          }
        })
        .clock(clock).sleeper(sleeper)
        .build();

    CampaignReport report = campaign.run();                                     // blocks; pause()/cancel() from elsewhere
    System.out.print(report.toTable());
    return report;
  }
  // DOC:end
  // spotless:on
}
