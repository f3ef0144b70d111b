package io.patchbay.transport.tftp;

import io.patchbay.model.FileNames;
import io.patchbay.model.InvalidFileNameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * What a {@link TftpServer} serves: files to read and places to write, by the names clients ask
 * for. A directory ({@link DirectoryFiles}) or a device ({@link TftpDeviceAgent}).
 *
 * <p>Implementations are thread-safe; each transfer uses what it opened from one thread. Refusals
 * are thrown as {@link Refusal}, whose code and message the client receives in an ERROR packet.
 */
interface ServedFiles {

  /**
   * Opens {@code name} for a read request.
   *
   * @throws Refusal if the file does not exist or may not be read
   */
  Download openRead(String name) throws IOException;

  /**
   * Opens {@code name} for a write request.
   *
   * @param announcedSize the size the client announced with tsize, or {@link
   *     TransferOptions#UNKNOWN_SIZE}
   * @param client the address the request came from, and every DATA block after it (RFC 1350 §4)
   * @throws Refusal if the file may not be written or is too large
   */
  Upload openWrite(String name, long announcedSize, InetAddress client) throws IOException;

  /**
   * The logical name a request's file name stands for: as with tftpd-hpa's {@code --secure}, a
   * leading {@code /} means the served root, and what follows must be a safe relative path.
   *
   * @throws Refusal with {@link TftpErrorCode#ACCESS_VIOLATION} for {@code ..}, backslashes, drive
   *     prefixes and the rest of {@link FileNames}' rules
   */
  static String logicalName(String requested) throws Refusal {
    int start = 0;
    while (start < requested.length() && requested.charAt(start) == '/') {
      start++;
    }
    try {
      return FileNames.requireValid(requested.substring(start));
    } catch (InvalidFileNameException e) {
      throw new Refusal(TftpErrorCode.ACCESS_VIOLATION, "invalid-name: " + e.rule(), e);
    }
  }

  /**
   * A file to send and its size.
   *
   * @param content the bytes, closed by the server after the transfer
   * @param channel the same bytes as a channel that {@code content} reads from, or {@code null}: an
   *     octet transfer reads it, in large chunks into direct memory, instead of the stream
   * @param size the number of bytes, or {@link TransferOptions#UNKNOWN_SIZE}
   */
  record Download(InputStream content, ReadableByteChannel channel, long size) {

    /** Bytes that only a stream gives. */
    Download(InputStream content, long size) {
      this(content, null, size);
    }

    /** A file's bytes, read through its channel. */
    static Download of(FileChannel file) throws IOException {
      return new Download(Channels.newInputStream(file), file, file.size());
    }
  }

  /**
   * Where a received file goes: nothing of it may be visible until {@link #commit()}, and closing
   * an upload that was not committed discards everything written.
   */
  abstract class Upload extends OutputStream {

    /**
     * Makes the received file visible, after its last byte; the client's last ACK waits for it.
     *
     * @throws Refusal to answer the last block with an ERROR instead
     */
    abstract void commit() throws IOException;
  }
}
