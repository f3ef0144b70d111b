package io.patchbay.transport.http;

import io.patchbay.testkit.ProcessPeer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real nginx (Debian package) serving a temporary directory on a loopback port: the head end of
 * the HTTP tests, and of the command line's (hence public). Missing nginx fails the test: CI
 * installs it in {@code .ci/run}.
 */
public final class Nginx implements AutoCloseable {

  private final Path home;
  private final int port;
  private final ProcessPeer process;

  private final String scheme;

  private Nginx(Path home, int port, ProcessPeer process, String scheme) {
    this.home = home;
    this.port = port;
    this.process = process;
    this.scheme = scheme;
  }

  /**
   * Starts nginx serving {@code home/www}, with {@code serverDirectives} added to its server block.
   */
  public static Nginx start(Path home, String serverDirectives) throws IOException {
    return start(home, "", serverDirectives);
  }

  /** Starts nginx serving {@code home/www} over TLS with this certificate and key (PEM files). */
  static Nginx startTls(Path home, Path certificate, Path key) throws IOException {
    return start(
        home, " ssl", "ssl_certificate " + certificate + "; ssl_certificate_key " + key + ";");
  }

  private static Nginx start(Path home, String listenOptions, String serverDirectives)
      throws IOException {
    Path binary = binary();
    Files.createDirectories(home.resolve("www"));
    Files.createDirectories(home.resolve("tmp"));
    int port = ProcessPeer.freeTcpPort();
    boolean root = "root".equals(System.getProperty("user.name"));
    String config =
        """
        daemon off;
        %s
        worker_processes 1;
        pid %s/nginx.pid;
        error_log %s/error.log;
        events { worker_connections 256; }
        http {
          log_format patchbay escape=none '$status $request_method $request_uri range=$http_range if-range=$http_if_range if-none-match=$http_if_none_match auth=$http_authorization sent=$body_bytes_sent';
          access_log %s/access.log patchbay;
          client_body_temp_path %s/tmp/body;
          proxy_temp_path %s/tmp/proxy;
          fastcgi_temp_path %s/tmp/fastcgi;
          uwsgi_temp_path %s/tmp/uwsgi;
          scgi_temp_path %s/tmp/scgi;
          types { application/json json; application/octet-stream bin; }
          default_type application/octet-stream;
          server {
            listen 127.0.0.1:%d%s;
            root %s/www;
            %s
          }
        }
        """
            .formatted(
                root ? "user root;" : "",
                home,
                home,
                home,
                home,
                home,
                home,
                home,
                home,
                port,
                listenOptions,
                home,
                serverDirectives);
    Files.writeString(home.resolve("nginx.conf"), config);
    ProcessPeer process =
        ProcessPeer.start(
                "nginx",
                List.of(binary.toString(), "-p", home.toString(), "-c", home + "/nginx.conf"),
                home.resolve("stdout.log"))
            .awaitReady(
                Duration.ofSeconds(10), Duration.ofMillis(20), () -> ProcessPeer.acceptsTcp(port));
    Nginx nginx = new Nginx(home, port, process, listenOptions.isEmpty() ? "http" : "https");
    return nginx;
  }

  /** The document root. */
  public Path www() {
    return home.resolve("www");
  }

  /** The loopback port it listens on. */
  public int port() {
    return port;
  }

  /** The URI of {@code path} (starting with {@code /}) on this server. */
  public URI uri(String path) {
    return URI.create(scheme + "://127.0.0.1:" + port + path);
  }

  /**
   * The access log so far, one line per request: status, method, URI, the headers logged, and the
   * bytes of the body sent ({@code sent=}).
   */
  public List<String> accessLog() throws IOException {
    Path log = home.resolve("access.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Override
  public void close() {
    process.close();
  }

  /** Debian's nginx, which {@code .ci/run} installs. */
  private static Path binary() {
    return ProcessPeer.installed(Path.of("/usr/sbin/nginx"), "nginx");
  }
}
