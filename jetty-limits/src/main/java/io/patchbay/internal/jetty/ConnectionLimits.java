package io.patchbay.internal.jetty;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LimitedServer} allows one connection and one peer before cutting it off. Not API
 * (see {@link io.patchbay.internal.jetty}).
 *
 * @param headerTimeout how long a connection may take to deliver a request's complete header,
 *     counted from when it opens or its previous response was sent
 * @param idleTimeout how long a connection may send nothing, such as in the middle of a body
 * @param maxConnectionsPerPeer connections open at once from one remote address; more are closed as
 *     soon as they are accepted
 * @param maxConnections connections open at once in all; past it, the server stops accepting until
 *     one closes
 */
public record ConnectionLimits(
    Duration headerTimeout, Duration idleTimeout, int maxConnectionsPerPeer, int maxConnections) {

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a timeout is not positive or a limit is below 1
   */
  public ConnectionLimits {
    requirePositive(headerTimeout, "headerTimeout");
    requirePositive(idleTimeout, "idleTimeout");
    if (maxConnectionsPerPeer < 1 || maxConnections < 1) {
      throw new IllegalArgumentException(
          "connection limits must be at least 1: "
              + maxConnectionsPerPeer
              + " per peer, "
              + maxConnections
              + " in all");
    }
  }

  /**
   * Returns {@code duration} if it is positive.
   *
   * @throws IllegalArgumentException if it is zero or negative, naming {@code name}
   */
  public static Duration requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }
}
