package io.patchbay.behaviour.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.JournalContents;
import io.patchbay.fetch.ArtifactCache;
import io.patchbay.model.Client;
import io.patchbay.testkit.DirectoryFleet;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway JVM killed with SIGKILL in the middle of a campaign and started again: the campaign
 * completes, no client receives a file twice, and the journal and the cache are sound.
 */
class CampaignCrashTest {

  static final int CLIENTS = 30;

  @TempDir Path directory;

  @Test
  void aGatewayKilledMidCampaignResumesAndNoClientReceivesAFileTwice() throws Exception {
    Path devices = Files.createDirectories(directory.resolve("devices"));
    Path journal = directory.resolve("campaign.journal");
    Path cache = directory.resolve("cache");
    DirectoryFleet fleet = new DirectoryFleet(devices);
    for (int i = 0; i < CLIENTS; i++) {
      fleet.add(
          String.format("stb-%02d", i),
          Map.of(CampaignGatewayMain.PLAYER, "1.0.0", CampaignGatewayMain.TUNER, "1.0.0"));
    }
    List<Client> clients = fleet.clients();

    // About 1.9 MB at 400 kB/s: some 5 s of campaign, time enough to kill it in the middle.
    Process first = gateway(devices, journal, cache, "first");
    await().atMost(Duration.ofSeconds(60)).until(() -> updated(fleet, clients) >= 6);
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    JournalContents atKill = JournalContents.read(journal);
    assertThat(atKill.started()).isTrue();
    assertThat(atKill.done().size()).as("killed before the campaign ended").isLessThan(CLIENTS);
    assertThat(atKill.finished()).isNull();

    Process second = gateway(devices, journal, cache, "second");
    assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(directory.resolve("second.log"))).isZero();

    for (Client client : clients) {
      assertThat(fleet.version(client.id(), CampaignGatewayMain.PLAYER)).isEqualTo("2.0.0");
      assertThat(fleet.version(client.id(), CampaignGatewayMain.TUNER)).isEqualTo("1.1.0");
      assertThat(fleet.receivedCount(client.id(), CampaignGatewayMain.PLAYER))
          .as(client.id())
          .isEqualTo(1);
      assertThat(fleet.receivedCount(client.id(), CampaignGatewayMain.TUNER))
          .as(client.id())
          .isEqualTo(1);
    }
    JournalContents replay = JournalContents.read(journal);
    assertThat(replay.validLength()).isEqualTo(Files.size(journal));
    assertThat(replay.finished()).isEqualTo(CampaignReport.State.COMPLETED);
    assertThat(replay.done()).hasSize(CLIENTS);
    assertThat(replay.done().values())
        .allSatisfy(outcome -> assertThat(outcome.status().succeeded()).isTrue());
    assertCacheIsSound(cache);
  }

  private Process gateway(Path devices, Path journal, Path cache, String name) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            CampaignGatewayMain.class.getName(),
            devices.toString(),
            journal.toString(),
            cache.toString(),
            "400000")
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve(name + ".log").toFile())
        .start();
  }

  private static int updated(DirectoryFleet fleet, List<Client> clients) throws IOException {
    int updated = 0;
    for (Client client : clients) {
      if ("2.0.0".equals(fleet.version(client.id(), CampaignGatewayMain.PLAYER))
          && "1.1.0".equals(fleet.version(client.id(), CampaignGatewayMain.TUNER))) {
        updated++;
      }
    }
    return updated;
  }

  /**
   * Every object in the cache matches its name, and both artifacts are there, usable without the
   * head end.
   */
  private static void assertCacheIsSound(Path cache) throws IOException {
    try (Stream<Path> objects = Files.list(cache.resolve("objects"))) {
      assertThat(objects)
          .allSatisfy(
              object ->
                  assertThat(InMemoryCatalog.sha256(Files.readAllBytes(object)).hex())
                      .isEqualTo(object.getFileName().toString()));
    }
    InMemoryCatalog headEnd = CampaignGatewayMain.headEnd();
    ArtifactCache reopened = ArtifactCache.open(cache, Long.MAX_VALUE);
    for (String name : List.of(CampaignGatewayMain.PLAYER, CampaignGatewayMain.TUNER)) {
      try (var artifact = reopened.fetch(headEnd.entry(name), headEnd);
          var in = artifact.open()) {
        assertThat(in.readAllBytes()).isEqualTo(headEnd.content(name));
      }
      assertThat(headEnd.openCount(name)).as("served from the cache, not the head end").isZero();
    }
  }
}
