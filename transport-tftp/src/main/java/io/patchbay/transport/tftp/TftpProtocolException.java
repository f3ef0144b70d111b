package io.patchbay.transport.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Thrown when the peer broke the protocol: a malformed datagram, an unexpected packet, an option
 * acknowledgement that was not asked for. The transfer was ended with an ERROR packet of {@link
 * #code()} telling the peer why.
 */
public final class TftpProtocolException extends IOException {

  private final InetSocketAddress peer;
  private final TftpErrorCode code;

  /** Creates the error for {@code peer}, which was told {@code code} and {@code reason}. */
  public TftpProtocolException(InetSocketAddress peer, TftpErrorCode code, String reason) {
    super("TFTP peer " + peer + " broke the protocol: " + reason);
    this.peer = peer;
    this.code = code;
  }

  /** The host and port that broke the protocol. */
  public InetSocketAddress peer() {
    return peer;
  }

  /** The error code sent to the peer when the transfer was ended. */
  public TftpErrorCode code() {
    return code;
  }
}
