package io.patchbay.behaviour.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10,000 clients in one campaign, in a gateway JVM limited to a 64 MiB heap. */
class TenThousandClientsTest {

  @TempDir Path directory;

  @Test
  void tenThousandClientsCompleteInABoundedHeapAndEachArtifactIsFetchedOnce() throws Exception {
    Path output = directory.resolve("gateway.out");
    Process gateway =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                TenThousandClientsMain.class.getName(),
                directory.resolve("campaign.journal").toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();

    assertThat(gateway.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(output);
    assertThat(gateway.exitValue()).as(log).isZero();
    Map<String, String> figures = figures(output);
    assertThat(figures)
        .as(log)
        .containsEntry("state", "COMPLETED")
        .containsEntry("updated", "10000")
        .containsEntry("opens.bin/player", "1")
        .containsEntry("opens.etc/config", "1")
        .containsEntry("bytesFromHeadEnd", String.valueOf(1024 + 12))
        .containsEntry("bytesToClients", String.valueOf(10_000L * (1024 + 12)));
    // What stays reachable at the end: the 10,000 fake devices with their files, and the campaign's
    // outcomes.
    assertThat(Long.parseLong(figures.get("liveHeapAfterGcBytes"))).isLessThan(48L << 20);
    System.out.println("10,000-client campaign: " + figures);
  }

  private static Map<String, String> figures(Path output) throws IOException {
    Map<String, String> figures = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.contains(" ")) {
        figures.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return figures;
  }
}
