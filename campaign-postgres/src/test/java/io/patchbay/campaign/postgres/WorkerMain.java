package io.patchbay.campaign.postgres;

import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.CampaignStore;
import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.WavePlan;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.model.Client;
import io.patchbay.testkit.DirectoryFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.PostgresServer;
import io.patchbay.update.UpdateOrchestrator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A gateway worker process for {@link ManyWorkersTest}: one campaign over the file-backed devices
 * under {@code args[0]}, its state in PostgreSQL. Arguments: devices, JDBC URL (or {@code
 * journal:PATH} for the journal file), campaign name, worker id, artifact cache, report file,
 * bandwidth in bytes per second (0 for none), lease duration in milliseconds, and a comma-separated
 * list of ids of clients that answer nowhere ({@code -} for none), listed right after the canary.
 * Exits 0 once the campaign completed, 3 if it halted, 4 if cancelled.
 */
public final class WorkerMain {

  static final String PLAYER = "bin/player";
  static final String TUNER = "fw/tuner.bin";
  static final int CANARY = 10;
  static final double GROWTH = 4;

  /** A store argument of {@code journal:PATH} runs with the journal file at PATH instead. */
  static final String JOURNAL = "journal:";

  private WorkerMain() {}

  /** The head end: the same catalog and bytes in every process. */
  static InMemoryCatalog headEnd() {
    return InMemoryCatalog.builder()
        .file(PLAYER, "2.0.0", bytes(20_000, 1))
        .file(TUNER, "1.1.0", bytes(8_000, 2))
        .build();
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** The directory every worker reads: the devices in id order, the ghosts after the canary. */
  static List<Client> directory(DirectoryFleet fleet, String ghosts) throws Exception {
    List<Client> clients = new ArrayList<>(fleet.clients());
    if (!ghosts.equals("-")) {
      int at = CANARY;
      for (String ghost : ghosts.split(",", -1)) {
        clients.add(at++, Client.of(ghost, DirectoryFleet.SCHEME + ":" + ghost));
      }
    }
    return clients;
  }

  /** Runs the worker. */
  public static void main(String[] args) throws Exception {
    DirectoryFleet fleet = new DirectoryFleet(Path.of(args[0]));
    UpdateOrchestrator orchestrator =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(headEnd())
            .interrogator(fleet)
            .transferer(fleet)
            .artifactStore(ArtifactCache.open(Path.of(args[4]), Long.MAX_VALUE))
            .build();
    CampaignStore store =
        args[1].startsWith(JOURNAL)
            ? CampaignStore.journal(Path.of(args[1].substring(JOURNAL.length())))
            : PostgresCampaignStore.builder()
                .url(args[1])
                .user(PostgresServer.USER)
                .campaign(args[2])
                .workerId(args[3])
                .leaseDuration(Duration.ofMillis(Long.parseLong(args[7])))
                .pollInterval(Duration.ofMillis(100))
                .outageLimit(Duration.ofMinutes(2))
                .build();
    Campaign.Builder campaign =
        Campaign.builder()
            .directory(ClientDirectory.of(directory(fleet, args[8])))
            .orchestrator(orchestrator)
            .plan(WavePlan.builder().canaryClients(CANARY).growth(GROWTH).build())
            .maxConcurrentClients(4)
            .store(store);
    long bandwidth = Long.parseLong(args[6]);
    if (bandwidth > 0) {
      campaign.bandwidthBudget(bandwidth);
    }
    CampaignReport report = campaign.build().run();
    try (OutputStream out = Files.newOutputStream(Path.of(args[5]))) {
      report.writeJson(out);
    }
    System.out.print(report.toTable());
    System.exit(
        switch (report.state()) {
          case COMPLETED -> 0;
          case HALTED -> 3;
          case CANCELLED -> 4;
        });
  }
}
