package io.patchbay.campaign.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.testkit.DirectoryFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fleet and the {@link WorkerMain} processes of {@link ManyWorkersTest} and {@link
 * CoordinationBenchmark}, in one directory: the devices under {@code devices}, and each worker's
 * artifact cache, report and log named by its id.
 */
final class Workers {

  private Workers() {}

  /**
   * A fleet of {@code size} file-backed devices, {@code stb-00000} on, under {@code home/devices},
   * each holding {@link WorkerMain#PLAYER} and {@link WorkerMain#TUNER} at 1.0.0.
   */
  static DirectoryFleet fleet(Path home, int size) throws IOException {
    DirectoryFleet fleet = new DirectoryFleet(Files.createDirectories(home.resolve("devices")));
    for (int i = 0; i < size; i++) {
      fleet.add(
          String.format("stb-%05d", i),
          Map.of(WorkerMain.PLAYER, "1.0.0", WorkerMain.TUNER, "1.0.0"));
    }
    return fleet;
  }

  /**
   * Starts worker {@code id} of {@code campaign} over the fleet under {@code home}, its state in
   * {@code store} (a JDBC URL, or {@link WorkerMain#JOURNAL} and a path), with the other arguments
   * {@link WorkerMain} takes and {@code jvmOptions}; its cache is {@code home/cache-ID}, its report
   * {@code home/ID.json} and its log {@code home/ID.log}.
   */
  static Process launch(
      Path home,
      List<String> jvmOptions,
      String store,
      String campaign,
      String id,
      long bandwidth,
      long leaseMillis,
      String ghosts)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName(),
            home.resolve("devices").toString(),
            store,
            campaign,
            id,
            home.resolve("cache-" + id).toString(),
            home.resolve(id + ".json").toString(),
            Long.toString(bandwidth),
            Long.toString(leaseMillis),
            ghosts));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(home.resolve(id + ".log").toFile())
        .start();
  }

  /**
   * The workers a test started, each killed after the test, so that none outlives a failed
   * assertion or a run that failed midway. Register one per test instance with {@code
   * RegisterExtension} and pass it every worker launched.
   */
  static final class Started implements AfterEachCallback {

    private final List<Process> processes = new ArrayList<>();

    /** Remembers {@code worker}, to kill after the test, and returns it. */
    Process track(Process worker) {
      processes.add(worker);
      return worker;
    }

    /**
     * Kills (SIGKILL) every worker tracked that is still running, and waits until each has ended,
     * so that none still exits while the next test runs or its directory is removed.
     */
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
      for (Process worker : processes) {
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      processes.clear();
    }
  }

  /**
   * Asserts that worker {@code id} under {@code home} ends within 10 minutes with exit code {@code
   * code}, its log in the failure; one that does not end is killed.
   */
  static void assertExit(Path home, Process worker, String id, int code) throws Exception {
    boolean ended = worker.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      worker.destroyForcibly();
    }
    String log = Files.readString(home.resolve(id + ".log"));
    assertThat(ended).as("%s ends: %s", id, log).isTrue();
    assertThat(worker.exitValue()).as("%s: %s", id, log).isEqualTo(code);
  }
}
