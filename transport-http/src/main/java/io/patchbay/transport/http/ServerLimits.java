package io.patchbay.transport.http;

import io.patchbay.internal.jetty.ConnectionLimits;
import java.time.Duration;

/**
 * What the HTTP servers of this module ({@link HttpDeviceAgent}, {@link StaticHeadEnd}) allow a
 * peer before cutting it off (docs/protocol-http.md, "Server limits").
 *
 * @param headerTimeout how long a connection may take to deliver a request's complete header,
 *     counted from when it opens or its previous response was sent
 * @param idleTimeout how long a connection may send nothing, such as in the middle of a body
 * @param minimumBytesPerSecond the slowest a request body may arrive, judged over each {@code
 *     minimumRateWindow}; 0 turns the check off
 * @param minimumRateWindow the window over which the body's rate is judged
 * @param maxConnectionsPerPeer connections open at once from one remote address; more are closed as
 *     soon as they are accepted
 * @param maxConnections connections open at once in all; past it, the server stops accepting until
 *     one closes
 * @param maxDrain the most bytes of a refused request's body read and discarded before the answer,
 *     so that the peer reads the answer rather than a reset; past it, the connection is closed
 */
record ServerLimits(
    Duration headerTimeout,
    Duration idleTimeout,
    long minimumBytesPerSecond,
    Duration minimumRateWindow,
    int maxConnectionsPerPeer,
    int maxConnections,
    long maxDrain) {

  /**
   * The reference device's defaults. The body's idle timeout and rate match the gateway's read
   * timeout and minimum rate (HttpTransportConfig), so that a gateway streaming from its head end
   * within its own limits is never cut off by the device.
   */
  static final ServerLimits DEVICE =
      new ServerLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          1024,
          Duration.ofSeconds(30),
          8,
          64,
          16L << 20);

  /**
   * The lab head end's: like a device's, with room for many gateways or devices behind one address
   * (a NAT) and more in all.
   */
  static final ServerLimits HEAD_END =
      new ServerLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          1024,
          Duration.ofSeconds(30),
          32,
          256,
          16L << 20);

  ServerLimits {
    // Checks the limits the server enforces, with the messages it gives.
    new ConnectionLimits(headerTimeout, idleTimeout, maxConnectionsPerPeer, maxConnections);
    ConnectionLimits.requirePositive(minimumRateWindow, "minimumRateWindow");
    if (minimumBytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "minimumBytesPerSecond must not be negative: " + minimumBytesPerSecond);
    }
    if (maxDrain < 0) {
      throw new IllegalArgumentException("maxDrain must not be negative: " + maxDrain);
    }
  }

  /** The limits the server itself enforces, before the handler sees a request. */
  ConnectionLimits connections() {
    return new ConnectionLimits(headerTimeout, idleTimeout, maxConnectionsPerPeer, maxConnections);
  }

  ServerLimits withHeaderTimeout(Duration timeout) {
    return new ServerLimits(
        timeout,
        idleTimeout,
        minimumBytesPerSecond,
        minimumRateWindow,
        maxConnectionsPerPeer,
        maxConnections,
        maxDrain);
  }

  ServerLimits withIdleTimeout(Duration timeout) {
    return new ServerLimits(
        headerTimeout,
        timeout,
        minimumBytesPerSecond,
        minimumRateWindow,
        maxConnectionsPerPeer,
        maxConnections,
        maxDrain);
  }

  ServerLimits withMinimumRate(long bytesPerSecond, Duration window) {
    return new ServerLimits(
        headerTimeout,
        idleTimeout,
        bytesPerSecond,
        window,
        maxConnectionsPerPeer,
        maxConnections,
        maxDrain);
  }

  ServerLimits withConnections(int perPeer, int total) {
    return new ServerLimits(
        headerTimeout,
        idleTimeout,
        minimumBytesPerSecond,
        minimumRateWindow,
        perPeer,
        total,
        maxDrain);
  }

  ServerLimits withMaxDrain(long bytes) {
    return new ServerLimits(
        headerTimeout,
        idleTimeout,
        minimumBytesPerSecond,
        minimumRateWindow,
        maxConnectionsPerPeer,
        maxConnections,
        bytes);
  }
}
