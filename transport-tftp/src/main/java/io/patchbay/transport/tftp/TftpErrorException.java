package io.patchbay.transport.tftp;

import io.patchbay.internal.Untrusted;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Thrown when the peer ended a transfer with an ERROR packet (RFC 1350 §5, §7): carries its code
 * and its message, so callers can tell a missing file from a full disk without parsing text.
 */
public final class TftpErrorException extends IOException {

  private final InetSocketAddress peer;
  private final int code;
  private final String peerMessage;

  /**
   * Creates the error {@code peer} sent, with its {@code code} and untrusted {@code peerMessage}.
   */
  public TftpErrorException(InetSocketAddress peer, int code, String peerMessage) {
    super(
        "TFTP peer "
            + peer
            + " sent ERROR "
            + code
            + TftpErrorCode.of(code).map(known -> " (" + known.meaning() + ")").orElse("")
            + ": "
            + Untrusted.quote(peerMessage));
    this.peer = peer;
    this.code = code;
    this.peerMessage = peerMessage;
  }

  /** The host and port that sent the ERROR. */
  public InetSocketAddress peer() {
    return peer;
  }

  /** The error code exactly as sent, 0 to 65535. */
  public int code() {
    return code;
  }

  /** The code as one of the standard's, if it is one. */
  public Optional<TftpErrorCode> errorCode() {
    return TftpErrorCode.of(code);
  }

  /** The peer's own explanation: untrusted text, quote it before logging. */
  public String peerMessage() {
    return peerMessage;
  }
}
