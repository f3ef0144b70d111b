package io.patchbay.transport.mender;

import io.patchbay.internal.jetty.LimitedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;

/**
 * Starts the {@link LimitedServer} under {@link DeviceApi}, on one address, with its limits: the
 * header deadline (a peer that sends its request header too slowly is cut off), the idle timeout (a
 * silent connection, also mid-body, is closed), connection limits per remote address (more are
 * closed at once) and in all (past it Jetty stops accepting until one closes), request headers of 8
 * KiB, a per-address limit of requests handled at once (more wait, so one address cannot take every
 * worker), and a bounded worker pool. Plain HTTP: the Mender client verifies what it installs by
 * the artifact's signature, not by the transport (docs/protocol-mender.md, "Security").
 */
final class DeviceApiServer {

  private static final int MAX_REQUEST_HEADER = 8 * 1024;
  private static final int WORKERS = 32;

  private DeviceApiServer() {}

  /**
   * Starts serving {@code api} on {@code address}.
   *
   * @throws IOException if the address cannot be bound
   */
  static LimitedServer start(InetSocketAddress address, DeviceLimits limits, DeviceApi api)
      throws IOException {
    ThreadLimitHandler perPeer = new ThreadLimitHandler(null, false);
    perPeer.setThreadLimit(limits.maxRequestsPerPeer());
    perPeer.setHandler(api);
    return LimitedServer.builder("patchbay-mender", limits.connections())
        .workers(WORKERS)
        .maxRequestHeader(MAX_REQUEST_HEADER)
        .start(address, perPeer);
  }
}
