package io.patchbay.transport.tftp;

import io.patchbay.internal.Untrusted;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer a {@link TftpServer} serves, on its own conversation: a read request sends the file,
 * a write request receives it. Every failure ends here, logged and, where the client should know,
 * answered with an ERROR packet. Runs on one of the server's threads.
 */
final class ServerTransfer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerTransfer.class);

  /**
   * What a server allows each transfer.
   *
   * @param maxBlockSize the largest block negotiated
   * @param maxWindowSize the largest window negotiated
   * @param timeout the retransmission timeout unless the client asks for another
   * @param maxClientTimeout the longest timeout a client may ask for (RFC 2349)
   * @param retries how often a packet is sent again before the transfer fails
   * @param unansweredRetries how often the first packet is sent again to a client that never
   *     answered: a spoofed request costs at most this many datagrams plus one
   * @param answerPoll how long a wait for a fast client's answer may poll ({@link AnswerPoll})
   */
  record Limits(
      int maxBlockSize,
      int maxWindowSize,
      Duration timeout,
      Duration maxClientTimeout,
      int retries,
      int unansweredRetries,
      Duration answerPoll) {

    /** {@link #maxClientTimeout()} in whole seconds, rounded down: the cap is never exceeded. */
    long maxClientTimeoutSeconds() {
      return maxClientTimeout.toSeconds();
    }
  }

  private final Limits limits;
  private final ServedFiles files;
  private final Packet.Request request;
  private final Conversation conversation;

  ServerTransfer(
      Limits limits, ServedFiles files, Packet.Request request, Conversation conversation) {
    this.limits = limits;
    this.files = files;
    this.request = request;
    this.conversation = conversation;
  }

  /**
   * Serves the request; the caller closes the conversation afterwards, so errors can still be sent
   * here.
   */
  @Override
  public void run() {
    try {
      long started = System.nanoTime();
      long bytes = request.write() ? receive() : send();
      LOG.debug(
          "{} for {} done: {} bytes in {} ms",
          request,
          conversation.peer(),
          bytes,
          (System.nanoTime() - started) / 1_000_000);
    } catch (Refusal refusal) {
      LOG.info("Refused {} from {}: {}", request, conversation.peer(), refusal.getMessage());
      conversation.sendError(refusal.code(), refusal.getMessage());
    } catch (TftpErrorException | TftpTimeoutException | TftpProtocolException e) {
      LOG.info("{} for {} failed: {}", request, conversation.peer(), e.getMessage());
    } catch (InterruptedIOException | ClosedChannelException e) {
      LOG.debug("{} for {} stopped: the server is closing", request, conversation.peer());
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} for {} failed", request, conversation.peer(), e);
      conversation.sendError(TftpErrorCode.NOT_DEFINED, "Server error");
    }
  }

  /** RFC 1350 read request: OACK if any option was accepted, then the file as DATA. */
  private long send() throws IOException {
    ServedFiles.Download download = files.openRead(request.fileName());
    try (InputStream content = download.content()) {
      Options.Negotiated negotiated =
          Options.negotiate(
              request,
              limits.maxBlockSize(),
              limits.maxWindowSize(),
              limits.maxClientTimeoutSeconds(),
              download.size());
      conversation.useTimeout(negotiated.options().timeout());
      if (!negotiated.acknowledged().isEmpty()) {
        // RFC 2347 §4: a read request's OACK is confirmed with ACK 0 before DATA 1 is sent.
        conversation.exchange(
            new Packet.OptionAck(negotiated.acknowledged()),
            packet -> packet instanceof Packet.Ack ack && ack.block() == 0,
            "ACK 0 of the OACK");
      }
      BlockSource source =
          request.mode() == TftpMode.NETASCII
              ? BlockSource.of(Netascii.encoding(content))
              : download.channel() != null
                  ? BlockSource.of(download.channel())
                  : BlockSource.of(content);
      return new Sender(conversation, negotiated.options()).send(source, bytes -> {});
    }
  }

  /** RFC 1350 write request: OACK or ACK 0, the file as DATA, stored before the last ACK. */
  private long receive() throws IOException {
    Options.Negotiated negotiated =
        Options.negotiate(
            request,
            limits.maxBlockSize(),
            limits.maxWindowSize(),
            limits.maxClientTimeoutSeconds(),
            TransferOptions.UNKNOWN_SIZE);
    TransferOptions wanted = negotiated.options();
    int window = conversation.fitReceiveWindow(wanted.blockSize(), wanted.windowSize());
    if (window < wanted.windowSize()) {
      negotiated =
          Options.negotiate(
              request,
              limits.maxBlockSize(),
              window,
              limits.maxClientTimeoutSeconds(),
              TransferOptions.UNKNOWN_SIZE);
    }
    TransferOptions options = negotiated.options();
    conversation.useTimeout(options.timeout());
    try (ServedFiles.Upload upload =
        files.openWrite(
            request.fileName(), options.transferSize(), conversation.peer().getAddress())) {
      // RFC 2347 §4: an OACK to a write request stands for ACK 0.
      Packet invitation =
          negotiated.acknowledged().isEmpty()
              ? new Packet.Ack(0)
              : new Packet.OptionAck(negotiated.acknowledged());
      conversation.send(invitation);
      // Dally for two of our timeouts: a client that misses the last ACK sends its last block again
      // after its own.
      Receiver receiver =
          new Receiver(
              conversation, options, invitation, null, conversation.timeout().multipliedBy(2));
      InputStream received = ReceivingStream.borrowing(receiver);
      long bytes =
          (request.mode() == TftpMode.NETASCII ? Netascii.decoding(received) : received)
              .transferTo(upload);
      try {
        upload.commit();
      } catch (Refusal refusal) {
        LOG.info(
            "Refused {} from {} after its last block: {}",
            request,
            conversation.peer(),
            Untrusted.quote(refusal.getMessage()));
        receiver.refuseEnd(refusal.code(), refusal.getMessage());
        return bytes;
      }
      receiver.acknowledgeEnd();
      return bytes;
    }
  }
}
