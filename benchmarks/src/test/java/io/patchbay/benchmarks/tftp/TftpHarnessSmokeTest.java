package io.patchbay.benchmarks.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TFTP harness's smoke mode against the real tftpd-hpa and curl, so the harness cannot rot: a
 * missing peer fails it, and so does any copy whose SHA-256 differs. It judges no figure.
 */
@Tag("interop")
class TftpHarnessSmokeTest {

  @Test
  void everyTrialRunsOnceAndEveryCopyMatchesTheServedFile(@TempDir Path directory)
      throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    HarnessResults results;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      results = TftpHarness.run(HarnessSettings.smoke(directory), out);
    }

    // Four pairings at each of two block sizes, and our client from our server with a window.
    assertThat(results.trials()).hasSize(9);
    assertThat(results.trials()).allSatisfy(t -> assertThat(results.samples(t)).hasSize(1));
    assertThat(results.checkedTransfers()).isEqualTo(9);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("smoke: 9 transfers, every copy's sha-256 matched");
    assertThat(directory).isEmptyDirectory();
  }
}
