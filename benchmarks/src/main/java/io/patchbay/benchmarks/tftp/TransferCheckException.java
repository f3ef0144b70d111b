package io.patchbay.benchmarks.tftp;

import java.io.IOException;

/** A transfer delivered other bytes than the served file: the run fails, whatever its time. */
final class TransferCheckException extends IOException {

  private static final long serialVersionUID = 1L;

  TransferCheckException(Trial trial, String expectedSha256, String actualSha256, long bytes) {
    super(
        trial
            + ": SHA-256 "
            + actualSha256
            + " over "
            + bytes
            + " bytes, expected "
            + expectedSha256);
  }

  TransferCheckException(Trial trial, String reason) {
    super(trial + ": " + reason);
  }
}
