package io.patchbay.internal.fetch;

import io.patchbay.fetch.ArtifactVerificationException;
import io.patchbay.fetch.ArtifactVerificationException.Check;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/**
 * Copies a stream while checking it against an expected size and SHA-256, in one pass and constant
 * memory. Used wherever untrusted bytes arrive: the gateway downloading from the head end, a device
 * receiving from the gateway.
 */
public final class VerifyingCopy {

  private static final int BUFFER_SIZE = 64 * 1024;

  private VerifyingCopy() {}

  /**
   * Copies {@code in} to {@code out} and checks what was copied. Reads at most one byte more than
   * {@code size}, so an endless or over-long source is cut short. Closes neither stream.
   *
   * @param fileName the file being copied, for the error message
   * @param size the exact number of bytes expected
   * @param sha256 the digest expected
   * @param progress told the running byte count after every chunk
   * @throws ArtifactVerificationException if the size or digest differ; {@code out} then holds
   *     bytes that must be discarded
   * @throws java.io.InterruptedIOException if the thread is interrupted; its interrupt status stays
   *     set
   * @throws IOException if reading or writing fails
   */
  public static void copy(
      InputStream in,
      OutputStream out,
      String fileName,
      long size,
      Sha256 sha256,
      LongConsumer progress)
      throws IOException {
    resume(in, out, fileName, size, sha256, newSha256(), 0, progress);
  }

  /**
   * Continues a copy of which {@code offset} bytes were copied before, and already fed to {@code
   * digest}: the check covers the whole file. Otherwise like {@link #copy}.
   *
   * @throws ArtifactVerificationException if the size or digest of the whole file differ
   * @throws java.io.InterruptedIOException if the thread is interrupted; its interrupt status stays
   *     set
   * @throws IOException if reading or writing fails
   */
  public static void resume(
      InputStream in,
      OutputStream out,
      String fileName,
      long size,
      Sha256 sha256,
      MessageDigest digest,
      long offset,
      LongConsumer progress)
      throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long copied = offset;
    while (copied <= size) {
      // Let a cancelled run stop a long copy between chunks, whatever the streams do.
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException(
            "Copy of " + fileName + " interrupted after " + copied + " bytes");
      }
      int wanted = (int) Math.min(buffer.length, size + 1 - copied);
      int read = in.read(buffer, 0, wanted);
      if (read < 0) {
        break;
      }
      digest.update(buffer, 0, read);
      out.write(buffer, 0, read);
      copied += read;
      progress.accept(copied);
    }
    if (copied != size) {
      String actual = copied > size ? "more than " + size + " bytes" : copied + " bytes";
      throw new ArtifactVerificationException(fileName, Check.SIZE, size + " bytes", actual);
    }
    Sha256 actual = Sha256.of(digest.digest());
    if (!actual.equals(sha256)) {
      throw new ArtifactVerificationException(fileName, Check.SHA256, sha256.hex(), actual.hex());
    }
  }

  /** A fresh SHA-256 digester; every JDK has one (Java SE requires it). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java SE guarantees SHA-256", e);
    }
  }
}
