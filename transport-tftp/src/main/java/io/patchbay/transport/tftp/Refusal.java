package io.patchbay.transport.tftp;

import java.io.IOException;

/**
 * Thrown inside this package when our side refuses a request or a transfer: the code and message go
 * to the peer in an ERROR packet. Messages therefore say nothing about local paths.
 */
final class Refusal extends IOException {

  private final TftpErrorCode code;

  Refusal(TftpErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  Refusal(TftpErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  TftpErrorCode code() {
    return code;
  }
}
