package io.patchbay.internal.jetty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
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
 * One Jetty server on one address with {@link ConnectionLimits}: the HTTP/1.1 server under the HTTP
 * transport's device and head end and the Mender transport's device API. Jetty parses requests
 * without a thread per connection, so a slow peer holds no worker until its header is complete; the
 * header deadline, idle timeout, per-peer and total connection limits bound what it holds then. Not
 * API (see {@link io.patchbay.internal.jetty}).
 */
public final class LimitedServer implements AutoCloseable {

  /** Jetty's acceptor and selector each keep a thread of the pool. */
  private static final int JETTY_THREADS = 2;

  private final Server server;
  private final ServerConnector connector;
  private final PeerConnectionLimit peerLimit;
  private final boolean tls;

  private LimitedServer(Builder builder, InetSocketAddress address, Handler handler)
      throws IOException {
    String name = builder.name;
    ConnectionLimits limits = builder.limits;
    QueuedThreadPool threads =
        new QueuedThreadPool(builder.workers + JETTY_THREADS, 1 + JETTY_THREADS);
    threads.setName(name);
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(name + "-timer", true);
    this.server = new Server(threads, scheduler, null);
    this.tls = builder.tls != null;

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(builder.maxRequestHeader);
    http.setUriCompliance(builder.paths);
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    ConnectionFactory[] factories =
        tls
            ? new ConnectionFactory[] {
              new SslConnectionFactory(builder.tls, plain.getProtocol()), plain
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
      throw new IOException(
          "Cannot start the HTTP server " + name + " on " + address + ": " + e, e);
    }
  }

  /**
   * Configures a server with {@code limits}.
   *
   * @param name names the server's threads
   */
  public static Builder builder(String name, ConnectionLimits limits) {
    return new Builder(name, limits);
  }

  /** The server's origin, {@code http://host:port} or {@code https://host:port}. */
  public URI origin() {
    String host = connector.getHost();
    return URI.create(
        (tls ? "https://" : "http://")
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + connector.getLocalPort());
  }

  /** Connections open now from {@code peer}; for tests. */
  public int connections(InetAddress peer) {
    return peerLimit.connections(peer);
  }

  /** Whether the server accepts connections now, false while at its total limit; for tests. */
  public boolean accepting() {
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

  /** Configures a {@link LimitedServer}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final ConnectionLimits limits;
    private int workers = 32;
    private int maxRequestHeader = 8 * 1024;
    private SslContextFactory.Server tls;
    private UriCompliance paths = UriCompliance.DEFAULT;

    private Builder(String name, ConnectionLimits limits) {
      this.name = Objects.requireNonNull(name, "name");
      this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** How many requests are handled at once; default 32. */
    public Builder workers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workers must be at least 1: " + count);
      }
      this.workers = count;
      return this;
    }

    /**
     * The largest request header, in bytes; default 8 KiB. Jetty answers a longer one itself (431).
     */
    public Builder maxRequestHeader(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRequestHeader must be at least 1: " + bytes);
      }
      this.maxRequestHeader = bytes;
      return this;
    }

    /**
     * Serves HTTPS with {@code factory}, whose handshake then counts towards the header deadline;
     * default plain HTTP.
     */
    public Builder tls(SslContextFactory.Server factory) {
      this.tls = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Which request paths Jetty refuses itself (400) before the handler sees them; default {@link
     * UriCompliance#DEFAULT}.
     */
    public Builder paths(UriCompliance compliance) {
      this.paths = Objects.requireNonNull(compliance, "compliance");
      return this;
    }

    /**
     * Starts serving {@code handler} on {@code address}.
     *
     * @throws IOException if the address cannot be bound
     */
    public LimitedServer start(InetSocketAddress address, Handler handler) throws IOException {
      return new LimitedServer(this, address, handler);
    }
  }
}
