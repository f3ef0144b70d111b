package io.patchbay.transport.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * One Jetty server on one address with {@link ServerLimits}: the HTTP/1.1 server under {@link
 * HttpDeviceAgent} and {@link StaticHeadEnd}. Jetty parses requests without a thread per
 * connection, so a slow peer holds no worker until its header is complete; the header deadline,
 * idle timeout, per-peer and total connection limits bound what it holds then.
 */
final class LimitedServer implements AutoCloseable {

  /**
   * Room for the largest {@code Patchbay-Proof} a device reads and the other headers: a longer
   * proof is answered by the device (431, problem+json), not by Jetty.
   */
  private static final int MAX_REQUEST_HEADER = DevicePaths.MAX_PROOF_HEADER + 16 * 1024;

  /** Jetty's acceptor and selector each keep a thread of the pool. */
  private static final int JETTY_THREADS = 2;

  private final Server server;
  private final ServerConnector connector;
  private final PeerConnectionLimit peerLimit;
  private final boolean tls;

  private LimitedServer(
      String name,
      InetSocketAddress address,
      ServerLimits limits,
      int workers,
      TlsConfig tlsConfig,
      UriCompliance paths,
      Handler handler)
      throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(workers + JETTY_THREADS, 1 + JETTY_THREADS);
    threads.setName(name);
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(name + "-timer", true);
    this.server = new Server(threads, scheduler, null);
    this.tls = tlsConfig != null;

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADER);
    http.setUriCompliance(paths);
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    ConnectionFactory[] factories =
        tls
            ? new ConnectionFactory[] {
              new SslConnectionFactory(sslContextFactory(tlsConfig), plain.getProtocol()), plain
            }
            : new ConnectionFactory[] {plain};
    this.connector = new ServerConnector(server, 1, 1, factories);
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    this.peerLimit = new PeerConnectionLimit(limits.maxConnectionsPerPeer());
    connector.addBean(peerLimit);
    HeaderDeadline headerDeadline = new HeaderDeadline(scheduler, limits.headerTimeout(), handler);
    // A bean the connector does not manage: the server starts and stops it as its handler.
    connector.addBean(headerDeadline, false);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    server.setHandler(headerDeadline);
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (IOException e) {
      close();
      throw e;
    } catch (Exception e) {
      close();
      throw new IOException("Cannot start the HTTP server on " + address + ": " + e, e);
    }
  }

  /**
   * Starts serving {@code handler} on {@code address}: plain HTTP, or with {@code tls} HTTPS that
   * requires a client certificate issued by its CA, so that a peer without one is refused during
   * the handshake, before any request is read.
   *
   * @param name names the server's threads
   * @param workers how many requests are handled at once
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
    return new LimitedServer(name, address, limits, workers, tls, paths, handler);
  }

  private static SslContextFactory.Server sslContextFactory(TlsConfig tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(tls.sslContext());
    factory.setIncludeProtocols(TlsConfig.PROTOCOLS.clone());
    factory.setNeedClientAuth(true);
    factory.setRenegotiationAllowed(false);
    return factory;
  }

  /** The server's origin, {@code http://host:port} or {@code https://host:port}. */
  URI origin() {
    String host = connector.getHost();
    return URI.create(
        (tls ? "https://" : "http://")
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + connector.getLocalPort());
  }

  /** Connections open now from {@code peer}; for tests. */
  int connections(InetAddress peer) {
    return peerLimit.connections(peer);
  }

  /** Whether the server accepts connections now, false while at its total limit; for tests. */
  boolean accepting() {
    return connector.isAccepting();
  }

  /** Stops at once: open connections are closed, and so bodies being read fail. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the HTTP server: " + e.getMessage(), e);
    }
  }
}
