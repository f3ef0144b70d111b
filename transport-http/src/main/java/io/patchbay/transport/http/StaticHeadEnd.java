package io.patchbay.transport.http;

import io.patchbay.internal.jetty.LimitedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A small static file server for labs, demos and tests: serves a directory the way a web server
 * serves a head end, with strong {@code ETag}s, {@code Last-Modified}, {@code 304} on {@code
 * If-None-Match}, and single byte ranges guarded by {@code If-Range} (RFC 9110, section 14), so the
 * gateway's conditional fetches and resumed downloads work against it. Production head ends are
 * ordinary web servers or CDNs; nothing of Patchbay needs to run there.
 *
 * <p>Read-only; paths that leave the directory are refused. Thread-safe. Served by Jetty with fixed
 * limits for slow or idle peers: a 10 s deadline for each request's header, a 60 s idle timeout,
 * and at most 32 connections per remote address and 256 in all (docs/protocol-http.md, "Server
 * limits"). Jetty's own ResourceHandler is not used: it makes only weak ETags, which cannot guard a
 * resumed download (RFC 9110, section 13.1.5).
 */
public final class StaticHeadEnd implements AutoCloseable {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  /** Files are sent without a thread waiting on them: these handle the requests themselves. */
  private static final int WORKERS = 8;

  private final Path root;
  private final LimitedServer server;

  private StaticHeadEnd(Path root, InetSocketAddress address, ServerLimits limits)
      throws IOException {
    this.root = root.toRealPath();
    this.server =
        HttpServers.start(
            "patchbay-head-end",
            address,
            limits,
            WORKERS,
            null,
            // Like nginx, Jetty refuses a path above the root or with an encoded "/" (400).
            UriCompliance.DEFAULT,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback)
                  throws IOException {
                serve(request, response, callback);
                return true;
              }
            });
  }

  /**
   * Serves {@code directory} on {@code address}.
   *
   * @throws IOException if the directory does not exist or the address cannot be bound
   */
  public static StaticHeadEnd start(Path directory, InetSocketAddress address) throws IOException {
    return start(directory, address, ServerLimits.HEAD_END);
  }

  /** Serves {@code directory} on an ephemeral loopback port. */
  public static StaticHeadEnd start(Path directory) throws IOException {
    return start(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** Serves with other limits than the fixed ones; for tests. */
  static StaticHeadEnd start(Path directory, InetSocketAddress address, ServerLimits limits)
      throws IOException {
    return new StaticHeadEnd(
        Objects.requireNonNull(directory), Objects.requireNonNull(address), limits);
  }

  /** The URI of {@code path} (relative to the served directory) on this server. */
  public URI uri(String path) {
    return URI.create(server.origin() + "/").resolve(path);
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.close();
  }

  /** The server under this head end; for tests of its limits. */
  LimitedServer server() {
    return server;
  }

  private void serve(Request request, Response response, Callback callback) throws IOException {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.setStatus(405);
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      callback.succeeded();
      return;
    }
    String path = request.getHttpURI().getDecodedPath();
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root)
        || !Files.isRegularFile(file)
        || !file.toRealPath().startsWith(root)) {
      response.setStatus(404);
      callback.succeeded();
      return;
    }
    send(request, response, callback, file, method.equals("HEAD"));
  }

  private static void send(
      Request request, Response response, Callback callback, Path file, boolean headOnly)
      throws IOException {
    long size = Files.size(file);
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    String etag =
        "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"";
    HttpFields requestHeaders = request.getHeaders();
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.ETAG, etag);
    headers.put(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(modified));
    headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
    headers.put(
        HttpHeader.CONTENT_TYPE,
        file.toString().endsWith(".json") ? "application/json" : "application/octet-stream");
    if (etag.equals(requestHeaders.get(HttpHeader.IF_NONE_MATCH))) {
      response.setStatus(304);
      callback.succeeded();
      return;
    }
    long start = 0;
    long end = size - 1;
    Matcher range = RANGE.matcher(String.valueOf(requestHeaders.get(HttpHeader.RANGE)));
    String ifRange = requestHeaders.get(HttpHeader.IF_RANGE);
    // RFC 9110, 13.1.5: a Range guarded by a stale If-Range is ignored and the whole file is sent.
    boolean partial = range.matches() && (ifRange == null || ifRange.equals(etag));
    if (partial) {
      start = Long.parseLong(range.group(1));
      if (!range.group(2).isEmpty()) {
        end = Math.min(end, Long.parseLong(range.group(2)));
      }
      if (start >= size || start > end) {
        headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
        response.setStatus(416);
        callback.succeeded();
        return;
      }
      headers.put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
    }
    long length = end - start + 1;
    response.setStatus(partial ? 206 : 200);
    headers.put(HttpHeader.CONTENT_LENGTH, length);
    if (headOnly || length == 0) {
      callback.succeeded();
      return;
    }
    // Jetty reads the file as the peer takes it, without holding a thread.
    Content.copy(Content.Source.from(file, start, length), response, callback);
  }
}
