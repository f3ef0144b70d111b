package io.patchbay.behaviour.campaign;

import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.WavePlan;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.testkit.DirectoryFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UpdateOrchestrator;
import java.nio.file.Path;
import java.util.Random;

/**
 * A gateway process for {@link CampaignCrashTest}: runs a campaign over the file-backed clients
 * under {@code args[0]}, with the journal {@code args[1]}, the artifact cache {@code args[2]} and a
 * bandwidth budget of {@code args[3]} bytes per second. Exits 0 once the campaign completed.
 */
public final class CampaignGatewayMain {

  static final String PLAYER = "bin/player";
  static final String TUNER = "fw/tuner.bin";

  private CampaignGatewayMain() {}

  /** The head end: the same catalog and bytes in every process. */
  static InMemoryCatalog headEnd() {
    return InMemoryCatalog.builder()
        .file(PLAYER, "2.0.0", randomBytes(48_000, 1))
        .file(TUNER, "1.1.0", randomBytes(16_000, 2))
        .build();
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Runs the campaign. */
  public static void main(String[] args) throws Exception {
    DirectoryFleet fleet = new DirectoryFleet(Path.of(args[0]));
    UpdateOrchestrator orchestrator =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(headEnd())
            .interrogator(fleet)
            .transferer(fleet)
            .artifactStore(ArtifactCache.open(Path.of(args[2]), Long.MAX_VALUE))
            .build();
    Campaign campaign =
        Campaign.builder()
            .directory(ClientDirectory.of(fleet.clients()))
            .orchestrator(orchestrator)
            .plan(WavePlan.builder().canaryClients(2).build())
            .maxConcurrentClients(4)
            .bandwidthBudget(Long.parseLong(args[3]))
            .journal(Path.of(args[1]))
            .build();
    CampaignReport report = campaign.run();
    System.out.print(report.toTable());
    System.exit(report.state() == CampaignReport.State.COMPLETED ? 0 : 3);
  }
}
