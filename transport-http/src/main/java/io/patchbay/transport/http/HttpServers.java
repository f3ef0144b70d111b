package io.patchbay.transport.http;

import io.patchbay.internal.jetty.LimitedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Starts the {@link LimitedServer} under {@link HttpDeviceAgent} and {@link StaticHeadEnd} with
 * what is particular to this module: room in the header for a device's proof, and mutual TLS from a
 * {@link TlsConfig}.
 */
final class HttpServers {

  /**
   * Room for the largest {@code Patchbay-Proof} a device reads and the other headers: a longer
   * proof is answered by the device (431, problem+json), not by Jetty.
   */
  private static final int MAX_REQUEST_HEADER = DevicePaths.MAX_PROOF_HEADER + 16 * 1024;

  private HttpServers() {}

  /**
   * Starts serving {@code handler} on {@code address}: plain HTTP, or with {@code tls} HTTPS that
   * requires a client certificate issued by its CA, so that a peer without one is refused during
   * the handshake, before any request is read.
   *
   * @param name names the server's threads
   * @param workers how many requests are handled at once
   * @param tls null for plain HTTP
   * @param paths which request paths Jetty refuses itself (400) before the handler sees them
   * @throws IOException if the address cannot be bound
   */
  static LimitedServer start(
      String name,
      InetSocketAddress address,
      ServerLimits limits,
      int workers,
      TlsConfig tls,
      UriCompliance paths,
      Handler handler)
      throws IOException {
    LimitedServer.Builder server =
        LimitedServer.builder(name, limits.connections())
            .workers(workers)
            .maxRequestHeader(MAX_REQUEST_HEADER)
            .paths(paths);
    if (tls != null) {
      server.tls(sslContextFactory(tls));
    }
    return server.start(address, handler);
  }

  private static SslContextFactory.Server sslContextFactory(TlsConfig tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(tls.sslContext());
    factory.setIncludeProtocols(TlsConfig.PROTOCOLS.clone());
    factory.setNeedClientAuth(true);
    factory.setRenegotiationAllowed(false);
    return factory;
  }
}
