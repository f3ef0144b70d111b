package io.patchbay.behaviour.campaign;

import io.patchbay.campaign.Campaign;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientDirectory;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.WavePlan;
import io.patchbay.model.Client;
import io.patchbay.testkit.FakeFleet;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UpdateOrchestrator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A gateway with 10,000 in-process testkit clients in one campaign, run in a JVM of its own with a
 * small heap by {@link TenThousandClientsTest}. Prints its figures as {@code key=value} lines.
 */
public final class TenThousandClientsMain {

  static final int CLIENTS = 10_000;

  private TenThousandClientsMain() {}

  /** Runs the campaign; {@code args[0]} is the journal file. */
  public static void main(String[] args) throws Exception {
    byte[] player = new byte[1024];
    Arrays.fill(player, (byte) 'p');
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder()
            .file("bin/player", "2.0.0", player)
            .file(
                "etc/config",
                "1.1.0",
                "config 1.1.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .build();
    FakeFleet fleet = new FakeFleet();
    for (int i = 0; i < CLIENTS; i++) {
      fleet
          .add(String.format("stb-%05d", i))
          .holding("bin/player", "1.0.0")
          .holding("etc/config", "1.0.0");
    }
    List<Client> clients = fleet.clients();
    UpdateOrchestrator orchestrator =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(headEnd)
            .interrogator(fleet)
            .transferer(fleet)
            .build();
    Campaign campaign =
        Campaign.builder()
            .directory(ClientDirectory.of(clients))
            .orchestrator(orchestrator)
            .plan(WavePlan.builder().canaryPercent(1).build())
            .maxConcurrentClients(32)
            .journal(Path.of(args[0]))
            .build();

    long start = System.nanoTime();
    CampaignReport report = campaign.run();
    long wallMillis = (System.nanoTime() - start) / 1_000_000;

    long peakHeap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getPeakUsage)
            .mapToLong(java.lang.management.MemoryUsage::getUsed)
            .sum();
    System.out.println("state=" + report.state());
    System.out.println("waves=" + report.waves().size());
    System.out.println("updated=" + report.count(ClientOutcome.Status.UPDATED));
    System.out.println("opens.bin/player=" + headEnd.openCount("bin/player"));
    System.out.println("opens.etc/config=" + headEnd.openCount("etc/config"));
    System.out.println("bytesFromHeadEnd=" + report.bytesFromHeadEnd());
    System.out.println("bytesToClients=" + report.bytesToClients());
    System.out.println("wallMillis=" + wallMillis);
    System.out.println("peakHeapBytes=" + peakHeap);
    System.gc();
    // What the 10,000 fake devices, the report and the gateway still hold once garbage is gone.
    System.out.println(
        "liveHeapAfterGcBytes="
            + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
    System.out.println("journalBytes=" + Files.size(Path.of(args[0])));
  }
}
