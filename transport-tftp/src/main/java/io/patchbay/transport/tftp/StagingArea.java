package io.patchbay.transport.tftp;

import io.patchbay.internal.device.DeviceStore;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files a {@link TftpDeviceAgent} holds staged and not yet committed (docs/protocol-tftp.md,
 * step 1), each bound to the address that sent it and to the size and SHA-256 computed as it
 * arrived.
 *
 * <p>A write request alone takes nothing: a staging slot and a file are taken only when the first
 * DATA block arrives, so write requests that are never followed by data (a forged datagram costs
 * nothing to send) cannot keep the device busy. Slots are bounded, and files never committed
 * expire. Thread-safe: each upload runs on its transfer's thread.
 */
final class StagingArea {

  /** How long a staged file waits for its commit; one left longer is dropped. */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  /**
   * A staged file.
   *
   * @param stager the address it came from; only a commit from there may install it
   * @param sha256 what its bytes hash to, {@code null} until its last block arrived
   */
  record Staged(Path file, InetAddress stager, long createdNanos, Sha256 sha256, long size) {
    boolean complete() {
      return sha256 != null;
    }
  }

  private final DeviceStore store;
  private final long maxFileSize;
  private final int maxStaged;
  private final Map<String, Staged> staged = new ConcurrentHashMap<>();

  StagingArea(DeviceStore store, long maxFileSize, int maxStaged) {
    this.store = store;
    this.maxFileSize = maxFileSize;
    this.maxStaged = maxStaged;
  }

  /**
   * Opens an upload of {@code transfer}'s bytes from {@code client}, refusing early what cannot
   * fit.
   *
   * @throws Refusal if the announced size is over the limit or the space, or the id was used
   */
  ServedFiles.Upload open(String transfer, long announcedSize, InetAddress client)
      throws IOException {
    if (announcedSize > maxFileSize) {
      throw FileUpload.tooLarge(maxFileSize);
    }
    if (announcedSize > 0 && store.usableSpace() < announcedSize) {
      throw new Refusal(
          TftpErrorCode.DISK_FULL, "no-space: not enough space for " + announcedSize + " bytes");
    }
    if (staged.containsKey(transfer)) {
      throw usedOnce();
    }
    return new Upload(transfer, client);
  }

  /**
   * Takes the file staged under {@code transfer} for a commit from {@code client}; the caller
   * deletes it afterwards. A refused commit leaves the file staged for its own gateway.
   *
   * @throws Refusal ({@code invalid-commit:}) if nothing complete is staged under {@code transfer},
   *     or it came from another address
   */
  Staged take(String transfer, InetAddress client) throws Refusal {
    Staged upload = staged.get(transfer);
    if (upload == null || !upload.complete()) {
      throw new Refusal(
          TftpErrorCode.FILE_NOT_FOUND, "invalid-commit: nothing is staged for this transfer");
    }
    if (!upload.stager().equals(client)) {
      throw new Refusal(
          TftpErrorCode.ACCESS_VIOLATION,
          "invalid-commit: the file was staged from another address");
    }
    if (!staged.remove(transfer, upload)) {
      throw new Refusal(
          TftpErrorCode.FILE_NOT_FOUND, "invalid-commit: the file was committed already");
    }
    return upload;
  }

  /** Takes a slot for {@code transfer}, once its first byte (or its empty last block) came. */
  private Path reserve(String transfer, InetAddress client) throws IOException {
    long now = System.nanoTime();
    // Files staged by gateways that never committed them (they stopped, or lost the link)
    // expire. Deleting is best effort: what fails to go now goes when the agent restarts.
    staged
        .entrySet()
        .removeIf(
            entry -> {
              boolean expired = now - entry.getValue().createdNanos() > LIFETIME.toNanos();
              if (expired) {
                entry.getValue().file().toFile().delete();
              }
              return expired;
            });
    if (staged.size() >= maxStaged) {
      throw new Refusal(
          TftpErrorCode.NOT_DEFINED, "busy: " + staged.size() + " files are staged already");
    }
    Path file = store.newIncomingFile("staged-");
    if (staged.putIfAbsent(transfer, new Staged(file, client, now, null, 0)) != null) {
      Files.delete(file);
      throw usedOnce();
    }
    return file;
  }

  /** The refusal of a transfer id staged or committed before. */
  static Refusal usedOnce() {
    return new Refusal(
        TftpErrorCode.FILE_EXISTS, "File already exists: transfer ids are used once");
  }

  /** One staging upload: it takes its slot and file with its first bytes, and hashes them. */
  private final class Upload extends ServedFiles.Upload {
    private final String transfer;
    private final InetAddress client;
    private final MessageDigest digest = VerifyingCopy.newSha256();
    private FileUpload file;
    private long size;

    Upload(String transfer, InetAddress client) {
      this.transfer = transfer;
      this.client = client;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      started().write(bytes, offset, length);
      digest.update(bytes, offset, length);
      size += length;
    }

    @Override
    void commit() throws IOException {
      Sha256 sha256 = Sha256.of(digest.digest());
      FileUpload complete = started();
      // Forced to disk first, then marked complete with what it hashes to: only then committable.
      complete.commit();
      staged.computeIfPresent(
          transfer,
          (id, upload) -> new Staged(upload.file(), client, upload.createdNanos(), sha256, size));
    }

    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      }
    }

    private FileUpload started() throws IOException {
      if (file == null) {
        Path path = reserve(transfer, client);
        try {
          file = new FileUpload(path, maxFileSize, done -> {}, () -> staged.remove(transfer));
        } catch (IOException | RuntimeException e) {
          staged.remove(transfer);
          Files.deleteIfExists(path);
          throw e;
        }
      }
      return file;
    }
  }
}
