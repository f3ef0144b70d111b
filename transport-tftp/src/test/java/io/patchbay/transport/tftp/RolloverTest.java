package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files over 32 MiB at 512-byte blocks need block numbers past 65,535: they wrap to 0, as tftp-hpa
 * does. (Our client against tftpd-hpa across the wrap: {@link ClientAgainstTftpdHpaTest}.)
 */
class RolloverTest {

  @TempDir Path home;

  @Test
  void ourClientAndServerRoundTripAFileOverThirtyTwoMebibytesInWindowsOf512ByteBlocks()
      throws Exception {
    TftpClient windowed512 = TftpClient.builder().blockSize(512).windowSize(16).build();

    assertThat(RolloverRoundTrip.run(home, RolloverRoundTrip.SIZE, windowed512)).isTrue();
  }

  @Test
  void lockstepRoundTripOfAFileOverThirtyTwoMebibytesRunsInAHeapOfSixteen() throws Exception {
    // A JVM whose heap is half the file: holding the file in memory anywhere would fail it.
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx16m",
                "-cp",
                System.getProperty("java.class.path"),
                RolloverRoundTrip.class.getName(),
                home.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines().toList()).as(output).contains("intact");
  }
}
