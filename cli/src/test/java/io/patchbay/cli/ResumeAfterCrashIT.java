package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.transport.http.Nginx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway killed with SIGKILL in the middle of a download, and started again, against nginx. */
@Tag("interop")
class ResumeAfterCrashIT {

  private static final int ARTIFACT_SIZE = 8 << 20;
  private static final long KILL_AFTER = 1 << 20;
  private static final Pattern SENT = Pattern.compile(" sent=(\\d+)$");
  private static final Pattern BYTES_FETCHED = Pattern.compile("\"bytesFetched\" : (\\d+)");

  @TempDir Path work;

  @Test
  void restartedGatewayAsksForTheRestWithIfRangeAndCountsOnlyWhatNginxSent() throws Exception {
    byte[] artifact = new byte[ARTIFACT_SIZE];
    new Random(12).nextBytes(artifact);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
    // The whole-file request trickles at 512 KiB/s, so the first run is caught mid-download with
    // seconds to spare however loaded the machine; the ranged one runs at full speed.
    try (Nginx headEnd =
            Nginx.start(
                work.resolve("nginx"), "if ($http_range = \"\") { set $limit_rate 512k; }");
        PatchbayJar.Server device =
            PatchbayJar.serve(
                "device", "http", "--dir", work.resolve("stb").toString(), "--insecure")) {
      Files.write(
          Files.createDirectories(headEnd.www().resolve("bin")).resolve("player"), artifact);
      PatchbayJar.buildCatalog(work, headEnd.www(), "bin/player 2.0.0\n");
      Path cache = work.resolve("cache");
      String[] update = {
        "update",
        "--catalog",
        headEnd.uri("/catalog.json").toString(),
        "--client",
        "stb-1=" + device.url(),
        "--cache",
        cache.toString(),
        "--report",
        work.resolve("report.json").toString(),
        "--allow-unsigned"
      };
      Path partial = cache.resolve("partial").resolve(sha256 + ".part");

      Path firstLog = work.resolve("first-run.log");
      Process first = PatchbayJar.launch(firstLog, update);
      PatchbayJar.killWhen(
          first, firstLog, () -> Files.exists(partial) && Files.size(partial) >= KILL_AFTER);
      long held = Files.size(partial);
      assertThat(held).as("killed mid-download").isLessThan(ARTIFACT_SIZE);

      PatchbayJar.Run second = PatchbayJar.run(work, update);

      assertThat(second.exitCode()).as(second.output()).isZero();
      assertThat(sha256Of(work.resolve("stb/bin/player"))).isEqualTo(sha256);
      // nginx logs the killed request when it notices the peer gone, and each after its response.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(artifactRequests(headEnd))
                      .extracting(line -> line.substring(0, 3))
                      .containsExactlyInAnyOrder("200", "206"));
      String resumed =
          artifactRequests(headEnd).stream()
              .filter(line -> line.startsWith("206"))
              .findFirst()
              .orElseThrow();
      assertThat(resumed).contains("range=bytes=" + held + "- if-range=\"");
      long sent = group(SENT, resumed);
      assertThat(sent).isEqualTo(ARTIFACT_SIZE - held);
      assertThat(group(BYTES_FETCHED, Files.readString(work.resolve("report.json"))))
          .as("bytes from the head end in the report")
          .isEqualTo(sent);
    }
  }

  private static List<String> artifactRequests(Nginx nginx) throws IOException {
    return nginx.accessLog().stream().filter(line -> line.contains(" GET /bin/player ")).toList();
  }

  private static long group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static String sha256Of(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
