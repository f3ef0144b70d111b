package io.patchbay.transport.tftp;

import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.transfer.Transferer;
import io.patchbay.transport.tftp.DeviceProtocol.CommitRecord;
import io.patchbay.transport.tftp.DeviceProtocol.CommitResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Transfers files to devices over TFTP with the commit protocol of docs/protocol-tftp.md: a write
 * request of the file to a staging name, a write request of a commit record naming its version,
 * size and SHA-256 (and, when the catalog was verified, the head end's proof that it signed this
 * file), then read requests of the device's commit result until it says whether it verified and
 * installed the file. Only an {@code installed} result counts as done.
 *
 * <p>Streams from the artifact, never holding it in memory. Every wait is bounded: each packet by
 * the configured timeout and retries, the result by {@link TftpTransportConfig#confirmTimeout()}.
 * Thread-safe.
 */
public final class TftpTransferer implements Transferer {

  private final TftpTransportConfig config;
  private final TftpClient tftp;

  TftpTransferer(TftpTransportConfig config, TftpClient tftp) {
    this.config = config;
    this.tftp = tftp;
  }

  /**
   * Sends the artifact and returns once the device confirmed installing it.
   *
   * @throws TransferRejectedException if the device refused the file, its commit record, or
   *     installing it (such as {@link Reason#DIGEST_MISMATCH} when the bytes it got do not match,
   *     or {@link Reason#UNTRUSTED} with a detail starting {@code untrusted (REFUSAL)} when it
   *     refused the file's proof, REFUSAL naming the broken rule of {@link
   *     io.patchbay.trust.TrustException.Refusal})
   * @throws TransferUnconfirmedException if the device did not confirm within the confirm timeout
   * @throws DeviceProtocolException if the device's commit result breaks the protocol
   * @throws TftpTimeoutException if the device stops answering during a transfer
   * @throws IllegalArgumentException if the client's endpoint is not a {@code tftp} URI
   */
  @Override
  public void transfer(Client client, Artifact artifact, LongConsumer progress) throws IOException {
    TftpLocation device = TftpLocation.of(client.endpoint());
    CatalogEntry entry = artifact.entry();
    String transfer = DeviceProtocol.newTransferId();
    try (InputStream content = artifact.open()) {
      write(
          client, entry, device, DeviceProtocol.staging(transfer), content, entry.size(), progress);
    }
    byte[] record =
        CommitRecord.of(
                transfer,
                new FileEntry(entry.name(), entry.version(), entry.sha256(), entry.size()),
                artifact.proof())
            .toJson();
    write(
        client,
        entry,
        device,
        DeviceProtocol.commit(transfer),
        new ByteArrayInputStream(record),
        record.length,
        bytes -> {});
    CommitResult result = awaitResult(client, entry, device, transfer);
    if (!result.isInstalled()) {
      String detail =
          result.isUntrusted()
              ? CommitResult.UNTRUSTED + " (" + result.refusal() + "): " + result.detail()
              : result.detail();
      throw new TransferRejectedException(client.id(), entry.name(), result.reason(), detail);
    }
  }

  private void write(
      Client client,
      CatalogEntry entry,
      TftpLocation device,
      String name,
      InputStream content,
      long size,
      LongConsumer progress)
      throws IOException {
    try {
      tftp.write(device.server(), device.file(name), TftpMode.OCTET, content, size, progress);
    } catch (TftpErrorException e) {
      Reason reason = refusal(e);
      if (reason == null) {
        throw e;
      }
      throw new TransferRejectedException(client.id(), entry.name(), reason, e.peerMessage());
    }
  }

  /**
   * Why a device refused a write request, or {@code null} if its ERROR is not a refusal. The
   * reference device prefixes its messages as the HTTP protocol names its problems.
   */
  private static Reason refusal(TftpErrorException e) {
    String message = e.peerMessage();
    if (message.startsWith("busy")) {
      return Reason.BUSY;
    }
    if (e.code() == TftpErrorCode.DISK_FULL.code()) {
      return Reason.NO_SPACE;
    }
    if (message.startsWith("invalid-name")) {
      return Reason.INVALID_NAME;
    }
    // ERROR 0 and 5 say nothing about the file: the transfer broke, it was not refused.
    boolean broke =
        e.code() == TftpErrorCode.NOT_DEFINED.code()
            || e.code() == TftpErrorCode.UNKNOWN_TRANSFER_ID.code();
    return broke ? null : Reason.OTHER;
  }

  /** Reads the commit result, polling while the device has not written it yet (ERROR 1). */
  private CommitResult awaitResult(
      Client client, CatalogEntry entry, TftpLocation device, String transfer) throws IOException {
    String name = device.file(DeviceProtocol.result(transfer));
    long started = System.nanoTime();
    long deadline = started + config.confirmTimeout().toNanos();
    while (true) {
      byte[] json;
      try (InputStream in = tftp.open(device.server(), name, TftpMode.OCTET)) {
        // A result over the limit is refused unread; closing the stream abandons its transfer.
        json = in.readNBytes(FlatJson.MAX_BYTES + 1);
      } catch (TftpErrorException e) {
        if (e.code() != TftpErrorCode.FILE_NOT_FOUND.code()) {
          throw e;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TransferUnconfirmedException(
              client.id(), entry.name(), transfer, Duration.ofNanos(System.nanoTime() - started));
        }
        pause(Math.min(left, config.confirmPollInterval().toNanos()));
        continue;
      }
      return parse(client, name, transfer, json);
    }
  }

  private static CommitResult parse(Client client, String name, String transfer, byte[] json) {
    CommitResult result;
    try {
      result = CommitResult.parse(json);
    } catch (IllegalArgumentException e) {
      throw new DeviceProtocolException(client.id(), name, e.getMessage(), e);
    }
    if (!result.transfer().equals(transfer)) {
      throw new DeviceProtocolException(
          client.id(), name, "the result names transfer " + result.transfer(), null);
    }
    return result;
  }

  private static void pause(long nanos) throws InterruptedIOException {
    try {
      Thread.sleep(Duration.ofNanos(nanos).toMillis() + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for a commit result");
    }
  }
}
