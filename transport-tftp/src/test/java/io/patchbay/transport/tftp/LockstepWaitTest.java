package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.model.Sha256;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lockstep transfer keeps every byte whether its waits poll for answers ({@link AnswerPoll}) or
 * always sleep, both ways and on both sides.
 */
class LockstepWaitTest {

  private static final long SIZE = 3_000_000;

  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(longs = {0, 100_000, 1_000_000})
  void aFileGoesUpAndComesBackIntactWithTheAnswerPollLimitInNanos(long limit) throws Exception {
    Duration answerPoll = Duration.ofNanos(limit);
    Path original = home.resolve("original.bin");
    Sha256 sha = TestFiles.random(original, SIZE, 7);
    Path root = Files.createDirectories(home.resolve("root/up"));
    TftpClient client = TftpClient.builder().windowSize(1).answerPoll(answerPoll).build();
    try (TftpServer server =
        TftpServer.builder(root.getParent())
            .writableDirectory("up")
            .answerPoll(answerPoll)
            .start()) {
      try (InputStream in = Files.newInputStream(original)) {
        client.write(server.address(), "up/file.bin", TftpMode.OCTET, in, SIZE, bytes -> {});
      }
      Path back = home.resolve("back.bin");
      try (OutputStream out = Files.newOutputStream(back)) {
        client.read(server.address(), "up/file.bin", TftpMode.OCTET, out);
      }

      assertThat(TestFiles.sha256(root.resolve("file.bin"))).isEqualTo(sha);
      assertThat(TestFiles.sha256(back)).isEqualTo(sha);
    }
  }
}
