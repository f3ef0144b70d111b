package io.patchbay.transport.tftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An upload received into a temporary file, bounded in size. Committed, the file is forced to disk
 * and handed to its {@link Completion}; closed before that, it is deleted and the abandonment
 * reported, so a failed write leaves nothing behind.
 */
final class FileUpload extends ServedFiles.Upload {

  /** What becomes of the complete file, such as a rename into place. */
  @FunctionalInterface
  interface Completion {
    void complete(Path file) throws IOException;
  }

  private final Path temporary;
  private final long maxFileSize;
  private final Completion completion;
  private final Runnable abandoned;
  private final FileChannel channel;
  private final OutputStream out;
  private long written;
  private boolean done;

  FileUpload(Path temporary, long maxFileSize, Completion completion, Runnable abandoned)
      throws IOException {
    this.temporary = temporary;
    this.maxFileSize = maxFileSize;
    this.completion = completion;
    this.abandoned = abandoned;
    this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
    this.out = Channels.newOutputStream(channel);
  }

  /** The refusal of a file over {@code maxFileSize}: ERROR 3, as RFC 2349 uses it for tsize. */
  static Refusal tooLarge(long maxFileSize) {
    return new Refusal(
        TftpErrorCode.DISK_FULL, "too-large: files are limited to " + maxFileSize + " bytes");
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (written + length > maxFileSize) {
      throw tooLarge(maxFileSize);
    }
    out.write(bytes, offset, length);
    written += length;
  }

  @Override
  void commit() throws IOException {
    channel.force(true);
    channel.close();
    completion.complete(temporary);
    done = true;
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      channel.close();
      Files.deleteIfExists(temporary);
      abandoned.run();
    }
  }
}
