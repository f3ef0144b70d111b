package io.patchbay.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.fetch.ArtifactVerificationException;
import io.patchbay.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifyingCopyTest {

  private static final byte[] CONTENT =
      new Random(42)
          .ints(200_000, 0, 256)
          .collect(
              ByteArrayOutputStream::new,
              ByteArrayOutputStream::write,
              (a, b) -> a.writeBytes(b.toByteArray()))
          .toByteArray();
  private static final Sha256 DIGEST = Sha256.of(VerifyingCopy.newSha256().digest(CONTENT));

  @Test
  void copiesMatchingBytesAndReportsRunningProgress() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> progress = new ArrayList<>();

    VerifyingCopy.copy(
        new ByteArrayInputStream(CONTENT), out, "fw/a.bin", CONTENT.length, DIGEST, progress::add);

    assertThat(out.toByteArray()).isEqualTo(CONTENT);
    assertThat(progress).isSorted().last().isEqualTo((long) CONTENT.length);
  }

  @Test
  void shortInputFailsTheSizeCheckWithBothSizes() {
    assertThatThrownBy(
            () ->
                VerifyingCopy.copy(
                    new ByteArrayInputStream(CONTENT, 0, 10),
                    new ByteArrayOutputStream(),
                    "fw/a.bin",
                    CONTENT.length,
                    DIGEST,
                    bytes -> {}))
        .isInstanceOfSatisfying(
            ArtifactVerificationException.class,
            e -> {
              assertThat(e.expected()).isEqualTo(CONTENT.length + " bytes");
              assertThat(e.actual()).isEqualTo("10 bytes");
            });
  }

  @Test
  void interruptedThreadStopsTheCopyAndKeepsItsInterruptStatus() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  VerifyingCopy.copy(
                      new ByteArrayInputStream(CONTENT),
                      new ByteArrayOutputStream(),
                      "fw/a.bin",
                      CONTENT.length,
                      DIGEST,
                      bytes -> {}))
          .isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
