package io.patchbay.transport.tftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Thrown when a peer stopped answering: every retransmission of the last packet went unanswered for
 * the per-packet timeout, so the transfer gave up after a bounded time.
 */
public final class TftpTimeoutException extends IOException {

  private final InetSocketAddress peer;
  private final String awaited;
  private final int attempts;
  private final Duration timeout;

  /**
   * Creates the error for {@code peer}, which sent nothing of {@code awaited} (such as {@code "ACK
   * of block 7"}) in {@code attempts} waits of {@code timeout} each.
   */
  public TftpTimeoutException(
      InetSocketAddress peer, String awaited, int attempts, Duration timeout) {
    super(
        "No "
            + awaited
            + " from TFTP peer "
            + peer
            + " in "
            + attempts
            + " attempts of "
            + timeout.toMillis()
            + " ms each");
    this.peer = peer;
    this.awaited = awaited;
    this.attempts = attempts;
    this.timeout = timeout;
  }

  /** The host and port that went silent. */
  public InetSocketAddress peer() {
    return peer;
  }

  /** What was awaited, in words, such as {@code "ACK of block 7"}. */
  public String awaited() {
    return awaited;
  }

  /** How many times the last packet was sent before giving up. */
  public int attempts() {
    return attempts;
  }

  /** How long each attempt waited. */
  public Duration timeout() {
    return timeout;
  }
}
