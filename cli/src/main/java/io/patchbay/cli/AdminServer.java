package io.patchbay.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The gateway's admin endpoint: {@code /healthz} (the process answers), {@code /readyz} (the first
 * catalog was fetched or refused), {@code /status} (JSON) and {@code /metrics} (Prometheus text).
 * Read-only: it changes nothing, so it needs no authentication, but it tells who the clients are,
 * so it listens on loopback unless configured otherwise.
 *
 * <p>On Jetty, which the transports' servers use already, rather than the JDK's {@code
 * com.sun.net.httpserver}: that one reads requests on a thread each with only JVM-global timeouts,
 * so a few half-sent requests froze it (issue 13); Jetty parses without a thread per connection and
 * closes idle ones per connector.
 */
final class AdminServer implements AutoCloseable {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Server server;
  private final ServerConnector connector;
  private final GatewayStatus status;
  private final PrometheusMeterRegistry registry;

  private AdminServer(
      InetSocketAddress address, GatewayStatus status, PrometheusMeterRegistry registry)
      throws IOException {
    this.status = status;
    this.registry = registry;
    QueuedThreadPool threads = new QueuedThreadPool(6, 3);
    threads.setName("patchbay-admin");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    this.server =
        new Server(threads, new ScheduledExecutorScheduler("patchbay-admin-timer", true), null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getAddress().getHostAddress());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws IOException {
            serve(request, response, callback);
            return true;
          }
        });
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IOException("Cannot start the admin endpoint on " + address + ": " + e, e);
    }
  }

  /**
   * Serves the endpoint on {@code address}.
   *
   * @throws IOException if the address cannot be bound
   */
  static AdminServer start(
      InetSocketAddress address, GatewayStatus status, PrometheusMeterRegistry registry)
      throws IOException {
    return new AdminServer(address, status, registry);
  }

  /** The endpoint's origin, {@code http://host:port}. */
  URI origin() {
    String host = connector.getHost();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + connector.getLocalPort());
  }

  private void serve(Request request, Response response, Callback callback) throws IOException {
    if (!request.getMethod().equals("GET")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      send(response, callback, 405, "text/plain; charset=utf-8", "only GET\n");
      return;
    }
    switch (request.getHttpURI().getPath()) {
      case "/healthz" -> send(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
      case "/readyz" ->
          send(
              response,
              callback,
              status.ready() ? 200 : 503,
              "text/plain; charset=utf-8",
              status.ready() ? "ready\n" : "no catalog yet\n");
      case "/status" -> {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        status.writeJson(json);
        send(response, callback, 200, "application/json", json.toString(StandardCharsets.UTF_8));
      }
      case "/metrics" -> send(response, callback, 200, PROMETHEUS_TEXT, registry.scrape());
      default -> send(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
    }
  }

  private static void send(
      Response response, Callback callback, int code, String type, String body) {
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the admin endpoint: " + e.getMessage(), e);
    }
  }
}
