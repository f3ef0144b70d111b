package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.campaign.JournalSnapshot;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay campaign run} (the jar, in its own process) killed with SIGKILL in the middle of
 * a transfer to a device, then {@code campaign resume}: the campaign completes, no device installs
 * the file twice, the cache and the journal are sound. The head end and every device are jar
 * processes too; each device logs every file it installs, which is what the test counts: the PUT
 * cut off by the kill is refused by the device (its bytes fall short of the announced size) and
 * never installed, so the device that got it receives the file once, from the resumed run.
 */
class CampaignResumeIT {

  private static final int ARTIFACT_SIZE = 1 << 20;
  private static final List<String> IDS = List.of("a", "b", "c", "d");
  private static final Pattern DEVICE_URL = Pattern.compile("Device keeping .* at (http://\\S+)");

  @TempDir Path work;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void aCampaignKilledMidTransferAndResumedCompletesAndNoDeviceInstallsAFileTwice()
      throws Exception {
    byte[] artifact = new byte[ARTIFACT_SIZE];
    new Random(17).nextBytes(artifact);
    Files.write(Files.createDirectories(work.resolve("head-end/bin")).resolve("player"), artifact);
    PatchbayJar.buildCatalog(work, work.resolve("head-end"), "bin/player 2.0.0\n");
    PatchbayJar.Server headEnd =
        PatchbayJar.serve("headend", "--dir", work.resolve("head-end").toString());
    processes.add(headEnd.process());
    Map<String, Path> deviceLogs = new LinkedHashMap<>();
    StringBuilder clients = new StringBuilder("id,endpoint\n");
    for (String id : IDS) {
      Path log = work.resolve("device-" + id + ".log");
      deviceLogs.put(id, log);
      clients.append(id).append(',').append(startDevice(id, log)).append('\n');
    }
    Files.writeString(work.resolve("clients.csv"), clients);
    Path journal = work.resolve("campaign.journal");
    Path cache = work.resolve("cache");
    Path report = work.resolve("report.json");
    // One client per wave, one at a time, at 256 KiB/s: each transfer takes about 4 s, so the kill
    // lands inside the third client's with seconds to spare however loaded the machine.
    List<String> options =
        List.of(
            "--catalog",
            headEnd.url() + "catalog.json",
            "--allow-unsigned",
            "--clients",
            work.resolve("clients.csv").toString(),
            "--journal",
            journal.toString(),
            "--cache",
            cache.toString(),
            "--report",
            report.toString(),
            "--canary",
            "1",
            "--growth",
            "1",
            "--max-clients",
            "1",
            "--bandwidth",
            "256k");

    Path firstLog = work.resolve("first-run.log");
    Process first = PatchbayJar.launch(firstLog, command("run", options));
    processes.add(first);
    Path incomingAtC = work.resolve("c/.patchbay/incoming");
    PatchbayJar.killWhen(
        first,
        firstLog,
        () ->
            Files.readString(firstLog).contains("Wave 2 started") && partialBytes(incomingAtC) > 0);
    String killed = Files.readString(firstLog);
    assertThat(killed)
        .contains("a: UPDATED (wave 0", "b: UPDATED (wave 1")
        .doesNotContain("c: UPDATED");
    JournalSnapshot atKill = JournalSnapshot.read(journal);
    assertThat(atKill.outcomes()).containsOnlyKeys("a", "b");
    assertThat(atKill.inFlight()).containsExactly("c");
    assertThat(atKill.finished()).isNull();
    PatchbayJar.Run midway =
        PatchbayJar.run(work, "campaign", "status", "--journal", journal.toString());
    assertThat(midway.exitCode()).as(midway.output()).isZero();
    assertThat(midway.output())
        .contains("Campaign IN_PROGRESS", "4 clients, 2 finished, 1 in flight")
        .containsPattern("(?m)^b +1 +UPDATED ")
        .containsPattern("(?m)^c +2 +IN_FLIGHT ")
        .containsPattern("(?m)^d +3 +PENDING ");

    PatchbayJar.Run resume = PatchbayJar.run(work, command("resume", options));

    assertThat(resume.exitCode()).as(resume.output()).isZero();
    assertThat(resume.output())
        .contains(
            "resumed from the journal",
            "Wave 1 PASSED",
            "c: UPDATED (wave 2, 1 attempts",
            "d: UPDATED (wave 3",
            "Campaign COMPLETED");
    String sha256 = Sha256.of(MessageDigest.getInstance("SHA-256").digest(artifact)).hex();
    for (String id : IDS) {
      assertThat(Sha256.of(sha256Of(work.resolve(id).resolve("bin/player"))).hex())
          .as("device %s holds the artifact", id)
          .isEqualTo(sha256);
      // slf4j-simple writes a line per log call to the device's output; one per installed file.
      assertThat(installs(deviceLogs.get(id))).as("files installed on %s", id).isEqualTo(1);
      assertThat(partialBytes(work.resolve(id).resolve(".patchbay/incoming"))).isZero();
    }
    // The cache: what the first run fetched served the resumed run, and it opens cleanly.
    assertThat(Files.readString(report))
        .contains("\"bytesFromHeadEnd\":0", "\"state\":\"COMPLETED\"");
    try (ArtifactCache reopened = ArtifactCache.open(cache, 1L << 30)) {
      assertThat(reopened.contains(Sha256.parse(sha256))).isTrue();
    }
    // The journal: whole, and saying the campaign completed.
    JournalSnapshot done = JournalSnapshot.read(journal);
    assertThat(done.finished()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(done.outcomes().values())
        .extracting(ClientOutcome::status)
        .containsOnly(ClientOutcome.Status.UPDATED)
        .hasSize(IDS.size());
    PatchbayJar.Run status =
        PatchbayJar.run(work, "campaign", "status", "--journal", journal.toString());
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .contains("Campaign COMPLETED", "4 clients, 4 finished, 0 in flight");
  }

  private String startDevice(String id, Path log) throws Exception {
    Process device =
        PatchbayJar.launch(
            log,
            // The device logs each file it installs at INFO; the jar shows warnings only by
            // default.
            List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info"),
            "device",
            "http",
            "--dir",
            work.resolve(id).toString(),
            "--insecure");
    processes.add(device);
    String[] url = new String[1];
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              assertThat(device.isAlive()).as("device %s: %s", id, Files.readString(log)).isTrue();
              Matcher matcher = DEVICE_URL.matcher(Files.readString(log));
              if (matcher.find()) {
                url[0] = matcher.group(1);
              }
              return url[0] != null;
            });
    return url[0];
  }

  private static String[] command(String subcommand, List<String> options) {
    List<String> words = new ArrayList<>(List.of("campaign", subcommand));
    words.addAll(options);
    return words.toArray(String[]::new);
  }

  private static long installs(Path log) throws IOException {
    return Files.readAllLines(log).stream()
        .filter(line -> line.contains("Installed bin/player 2.0.0"))
        .count();
  }

  private static long partialBytes(Path incoming) throws IOException {
    if (!Files.isDirectory(incoming)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(incoming)) {
      return files
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException e) {
                  return 0; // gone between the listing and the look
                }
              })
          .sum();
    }
  }

  private static byte[] sha256Of(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }
}
