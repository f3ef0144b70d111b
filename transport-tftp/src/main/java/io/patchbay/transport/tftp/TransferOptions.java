package io.patchbay.transport.tftp;

import java.time.Duration;

/**
 * What one transfer runs with once negotiated: RFC 1350's values unless an OACK changed them.
 *
 * @param blockSize bytes per DATA block (RFC 2348)
 * @param windowSize DATA blocks sent before an ACK is awaited (RFC 7440)
 * @param timeout the retransmission timeout (RFC 2349), or {@code null} to keep each side's own
 * @param transferSize the file's size in bytes if one side told it (RFC 2349), else {@link
 *     #UNKNOWN_SIZE}
 */
record TransferOptions(int blockSize, int windowSize, Duration timeout, long transferSize) {

  static final long UNKNOWN_SIZE = -1;

  /** Plain RFC 1350: 512-byte blocks in lockstep, when no option was acknowledged. */
  static final TransferOptions RFC_1350 =
      new TransferOptions(Packet.DEFAULT_BLOCK_SIZE, 1, null, UNKNOWN_SIZE);
}
