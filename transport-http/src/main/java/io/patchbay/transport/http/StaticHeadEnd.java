package io.patchbay.transport.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.patchbay.internal.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small static file server for labs, demos and tests: serves a directory the way a web server
 * serves a head end, with strong {@code ETag}s, {@code Last-Modified}, {@code 304} on {@code
 * If-None-Match}, and single byte ranges guarded by {@code If-Range} (RFC 9110, section 14), so the
 * gateway's conditional fetches and resumed downloads work against it. Production head ends are
 * ordinary web servers or CDNs; nothing of Patchbay needs to run there.
 *
 * <p>Read-only; paths that leave the directory are refused. Thread-safe.
 */
public final class StaticHeadEnd implements AutoCloseable {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Path root;
  private final HttpServer server;
  private final ExecutorService workers;

  private StaticHeadEnd(Path root, InetSocketAddress address) throws IOException {
    this.root = root.toRealPath();
    this.server = HttpServer.create(address, 50);
    this.workers = Executors.newFixedThreadPool(8, DaemonThreads.numbered("patchbay-head-end"));
    server.setExecutor(workers);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * Serves {@code directory} on {@code address}.
   *
   * @throws IOException if the directory does not exist or the address cannot be bound
   */
  public static StaticHeadEnd start(Path directory, InetSocketAddress address) throws IOException {
    return new StaticHeadEnd(Objects.requireNonNull(directory), Objects.requireNonNull(address));
  }

  /** Serves {@code directory} on an ephemeral loopback port. */
  public static StaticHeadEnd start(Path directory) throws IOException {
    return start(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** The URI of {@code path} (relative to the served directory) on this server. */
  public URI uri(String path) {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return URI.create(
            "http://"
                + (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + address.getPort()
                + "/")
        .resolve(path);
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(root)
          || !Files.isRegularFile(file)
          || !file.toRealPath().startsWith(root)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      send(exchange, file, method.equals("HEAD"));
    }
  }

  private static void send(HttpExchange exchange, Path file, boolean headOnly) throws IOException {
    long size = Files.size(file);
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    String etag =
        "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"";
    Headers request = exchange.getRequestHeaders();
    Headers response = exchange.getResponseHeaders();
    response.set("ETag", etag);
    response.set("Last-Modified", HTTP_DATE.format(modified));
    response.set("Accept-Ranges", "bytes");
    response.set(
        "Content-Type",
        file.toString().endsWith(".json") ? "application/json" : "application/octet-stream");
    if (etag.equals(request.getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    long start = 0;
    long end = size - 1;
    Matcher range = RANGE.matcher(String.valueOf(request.getFirst("Range")));
    String ifRange = request.getFirst("If-Range");
    // RFC 9110, 13.1.5: a Range guarded by a stale If-Range is ignored and the whole file is sent.
    boolean partial = range.matches() && (ifRange == null || ifRange.equals(etag));
    if (partial) {
      start = Long.parseLong(range.group(1));
      if (!range.group(2).isEmpty()) {
        end = Math.min(end, Long.parseLong(range.group(2)));
      }
      if (start >= size || start > end) {
        response.set("Content-Range", "bytes */" + size);
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      response.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    long length = end - start + 1;
    // For the JDK server, -1 means "no body" and 0 would mean "chunked".
    boolean noBody = headOnly || length == 0;
    exchange.sendResponseHeaders(partial ? 206 : 200, noBody ? -1 : length);
    if (noBody) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(channel.position(start));
        OutputStream out = exchange.getResponseBody()) {
      copy(in, out, length);
    }
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("File shrank while it was served");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
