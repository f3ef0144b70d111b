package io.patchbay.campaign.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.model.Client;
import io.patchbay.testkit.DirectoryFleet;
import io.patchbay.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients coordinated per second: one campaign over file-backed devices by 1, 2 and 4 worker
 * processes ({@link WorkerMain}, 4 clients at once each) with the state in PostgreSQL, against one
 * process with the journal file. Not a test: its name keeps it out of the build's test runs, and it
 * asserts only that each run completed. Run it with
 *
 * <pre>
 * ./mvnw -B -o -pl campaign-postgres -am verify -Pinterop -Dtest=CoordinationBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Each run gets a new fleet; the figure is the fleet over the longest worker's campaign time (its
 * report's elapsed time, JVM start-up excluded), and the wall time from launch to the last exit.
 */
@Tag("interop")
class CoordinationBenchmark {

  static final int FLEET = 1000;
  static final int ROUNDS = 2;
  static final int LAN_FLEET = 300;
  static final long LAN_BUDGET = 200_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final PostgresServer.PerClass POSTGRES = new PostgresServer.PerClass();

  @TempDir Path directory;

  @RegisterExtension final Workers.Started launched = new Workers.Started();

  /** No bandwidth budget: the workers share this machine's two cores, which bound them. */
  @Test
  void cpuBound() throws Exception {
    measure(FLEET, 0, ROUNDS);
  }

  /**
   * Each worker with its own LAN budget of {@link #LAN_BUDGET} bytes per second, as gateways on
   * different machines and LANs have: the budget bounds each worker, so workers add up.
   */
  @Test
  void lanBound() throws Exception {
    measure(LAN_FLEET, LAN_BUDGET, 1);
  }

  private void measure(int fleet, long budget, int rounds) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      lines.add(run("journal", 1, round, fleet, budget));
      for (int workers : new int[] {1, 2, 4}) {
        lines.add(run("postgres", workers, round, fleet, budget));
      }
    }
    System.out.printf(Locale.ROOT, "%d devices, budget %d B/s per worker%n", fleet, budget);
    System.out.println("store     workers round  campaign-s  wall-s  clients/s");
    lines.forEach(System.out::println);
  }

  private String run(String store, int workers, int round, int size, long budget) throws Exception {
    String name = store + "-" + workers + "-" + round + "-" + budget;
    Path home = Files.createDirectories(directory.resolve(name));
    DirectoryFleet fleet = Workers.fleet(home, size);
    String url =
        store.equals("journal")
            ? WorkerMain.JOURNAL + home.resolve("campaign.journal")
            : POSTGRES.server().url();
    long started = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (int w = 1; w <= workers; w++) {
      processes.add(
          launched.track(Workers.launch(home, List.of(), url, name, "w" + w, budget, 30_000, "-")));
    }
    long campaignMillis = 0;
    for (int w = 1; w <= workers; w++) {
      Workers.assertExit(home, processes.get(w - 1), "w" + w, 0);
      JsonNode report = JSON.readTree(home.resolve("w" + w + ".json").toFile());
      campaignMillis = Math.max(campaignMillis, report.get("elapsedMillis").asLong());
    }
    double wall = (System.nanoTime() - started) / 1e9;
    assertThat(updated(fleet)).isEqualTo(size);
    return String.format(
        Locale.ROOT,
        "%-9s %7d %5d %11.1f %7.1f %10.0f",
        store,
        workers,
        round,
        campaignMillis / 1000.0,
        wall,
        size / (campaignMillis / 1000.0));
  }

  private static int updated(DirectoryFleet fleet) throws IOException {
    int updated = 0;
    for (Client client : fleet.clients()) {
      if ("2.0.0".equals(fleet.version(client.id(), WorkerMain.PLAYER))
          && fleet.receivedCount(client.id(), WorkerMain.PLAYER) == 1) {
        updated++;
      }
    }
    return updated;
  }
}
