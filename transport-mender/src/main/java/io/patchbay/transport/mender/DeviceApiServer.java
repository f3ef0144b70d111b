package io.patchbay.transport.mender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The Jetty server under {@link DeviceApi}, on one address, with its limits: request headers of 8
 * KiB, the idle timeout (a silent connection, also mid-body, is closed), the total connection limit
 * (past it Jetty stops accepting until one closes), a per-address limit of requests handled at once
 * (more wait, so one address cannot take every worker), and a bounded worker pool. Plain HTTP: the
 * Mender client verifies what it installs by the artifact's signature, not by the transport
 * (docs/protocol-mender.md, "Security").
 */
final class DeviceApiServer implements AutoCloseable {

  private static final int MAX_REQUEST_HEADER = 8 * 1024;
  private static final int WORKERS = 32;
  private static final int JETTY_THREADS = 2;

  private final Server server;
  private final ServerConnector connector;

  DeviceApiServer(InetSocketAddress address, DeviceLimits limits, DeviceApi api)
      throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(WORKERS + JETTY_THREADS, 1 + JETTY_THREADS);
    threads.setName("patchbay-mender");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    this.server =
        new Server(threads, new ScheduledExecutorScheduler("patchbay-mender-timer", true), null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADER);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    ThreadLimitHandler perPeer = new ThreadLimitHandler(null, false);
    perPeer.setThreadLimit(limits.maxRequestsPerPeer());
    perPeer.setHandler(api);
    server.setHandler(perPeer);
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IOException("Cannot start the Mender device API on " + address + ": " + e, e);
    }
  }

  /** The server's origin, {@code http://host:port}. */
  URI origin() {
    String host = connector.getHost();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + connector.getLocalPort());
  }

  /** Stops at once: open connections are closed. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the Mender device API: " + e.getMessage(), e);
    }
  }
}
