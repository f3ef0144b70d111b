package io.patchbay.transport.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.UnaryOperator;

/**
 * One exchange over plain {@code http} on a blocking socket, as HTTP/1.1 (RFC 9112): a request
 * without a body, or an upload with {@code Content-Length}, then its response read by {@link
 * Http11Response}; one connection per exchange, closed after it.
 *
 * <p>Why not the JDK's client: it moves bodies 16 KiB at a time between its selector thread and the
 * caller's, and a 256 MiB upload took about twice as long as {@code curl -T} to the same device
 * (BENCHMARKS.md, "HTTP data path"). Here the caller's thread writes and reads the socket, as curl
 * does, and the kernel's socket buffers do the reading ahead.
 *
 * <p>Nothing here depends on an interrupt to end: {@link #close()}, from any thread, fails a
 * blocked connect, write or read at once; {@link Exchanges} calls it when an upload's {@link
 * StallGuard} trips or the caller's {@link io.patchbay.spi.AbortSignal} aborts, and the request's
 * {@linkplain HttpRequest#timeout() timeout} closes it if the response's head has not arrived by
 * then, as the JDK's client times out. The caller's credentials, origin rules and headers come in
 * the {@link HttpRequest}, as for the JDK's client.
 */
final class SocketExchange implements AutoCloseable {

  /**
   * Bytes read from the artifact and written at a time: as curl's upload buffer. Progress counts
   * per read, so this also bounds how far the count runs ahead of the peer, next to the socket's
   * send buffer.
   */
  static final int CHUNK_BYTES = 64 * 1024;

  private final HttpTransportConfig config;
  private final Socket socket = new Socket();

  // Guarded by this: whether the response's head arrived, or the request's timeout came first.
  private boolean headRead;
  private boolean timedOut;

  SocketExchange(HttpTransportConfig config) {
    this.config = config;
  }

  /**
   * Tells whether a request to {@code uri} can go this way: plain {@code http} on a direct route,
   * as the configured proxy selector (or the JDK's default, as for the JDK's client) says.
   */
  static boolean serves(URI uri, HttpTransportConfig config) {
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      return false;
    }
    ProxySelector selector = config.proxy().orElseGet(ProxySelector::getDefault);
    if (selector == null) {
      return true;
    }
    List<Proxy> route = selector.select(uri);
    return route.isEmpty() || route.stream().allMatch(proxy -> proxy.type() == Proxy.Type.DIRECT);
  }

  /**
   * Connects, sends {@code request}'s head and {@code body} ({@code null} for none), and reads the
   * response's head. A device that answers before it has taken the whole body, such as a refusal,
   * is heard: its answer is returned and the rest of the body is not sent.
   *
   * @param guard wraps the response body, such as in a {@link GuardedInputStream}
   * @return the response; closing its body closes the connection
   * @throws HttpTimeoutException if the response's head did not arrive within the request's timeout
   * @throws IOException if connecting, sending or the response fails, or {@link #close()} was
   *     called
   */
  HttpResponse<InputStream> send(
      HttpRequest request, UploadBody body, UnaryOperator<InputStream> guard) throws IOException {
    ScheduledFuture<?> deadline =
        request.timeout().map(timeout -> StallGuard.schedule(this::timeOut, timeout)).orElse(null);
    boolean answered = false;
    try {
      socket.setTcpNoDelay(true);
      connect(request.uri());
      HttpResponse<InputStream> response = exchange(request, body, guard);
      synchronized (this) {
        headRead = true;
        answered = !timedOut;
      }
      return response;
    } catch (IOException e) {
      synchronized (this) {
        if (timedOut) {
          HttpTimeoutException timeout =
              new HttpTimeoutException(
                  request.method()
                      + " "
                      + request.uri()
                      + ": no response within "
                      + request.timeout().orElseThrow().toMillis()
                      + " ms");
          timeout.initCause(e);
          throw timeout;
        }
      }
      throw e;
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (!answered) {
        close();
      }
    }
  }

  private HttpResponse<InputStream> exchange(
      HttpRequest request, UploadBody body, UnaryOperator<InputStream> guard) throws IOException {
    InputStream in = new BufferedInputStream(socket.getInputStream(), CHUNK_BYTES);
    try {
      socket.getOutputStream().write(head(request, body));
      if (body != null) {
        write(request, body, socket.getOutputStream(), socket.getInputStream());
      }
    } catch (IOException failed) {
      // A device may refuse early and close (RFC 9112, section 9.6): its answer says why.
      try {
        return Http11Response.read(request, in, guard);
      } catch (IOException noAnswer) {
        failed.addSuppressed(noAnswer);
      }
      throw failed;
    }
    return Http11Response.read(request, in, guard);
  }

  private synchronized void timeOut() {
    if (!headRead) {
      timedOut = true;
      close();
    }
  }

  private void connect(URI uri) throws IOException {
    try {
      socket.connect(address(uri), Math.toIntExact(config.connectTimeout().toMillis()));
    } catch (SocketTimeoutException e) {
      // As the JDK's client reports it.
      HttpConnectTimeoutException timeout =
          new HttpConnectTimeoutException(
              "Connecting to " + uri + " took over " + config.connectTimeout().toMillis() + " ms");
      timeout.initCause(e);
      throw timeout;
    }
  }

  private static void write(HttpRequest request, UploadBody body, OutputStream out, InputStream in)
      throws IOException {
    byte[] buffer = new byte[CHUNK_BYTES];
    for (long left = body.size(); left > 0; ) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(
            "Interrupted during " + request.method() + " " + request.uri());
      }
      if (in.available() > 0) {
        return; // the device answered already
      }
      int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException(
            "The body of "
                + request.method()
                + " "
                + request.uri()
                + " ended "
                + left
                + " bytes short of its "
                + body.size());
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    out.flush();
  }

  /**
   * The request line and header section: {@code request}'s fields, which its builder checked for
   * forbidden characters, then {@code Host}, the body's length if there is one and {@code
   * Connection: close}, which that builder does not let a caller set.
   */
  private static byte[] head(HttpRequest request, UploadBody body) {
    URI uri = request.uri();
    StringBuilder head = new StringBuilder(512);
    String path = uri.getRawPath();
    head.append(request.method()).append(' ').append(path == null || path.isEmpty() ? "/" : path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
    if (uri.getPort() >= 0) {
      head.append(':').append(uri.getPort());
    }
    head.append("\r\n");
    request
        .headers()
        .map()
        .forEach(
            (name, values) ->
                values.forEach(
                    value -> head.append(name).append(": ").append(value).append("\r\n")));
    if (body != null) {
      head.append("Content-Length: ").append(body.size()).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static InetSocketAddress address(URI uri) {
    String host = uri.getHost();
    // java.net.URI keeps the brackets of an IPv6 literal.
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, uri.getPort() < 0 ? 80 : uri.getPort());
  }

  /** Closes the connection, failing whatever blocks on it; from any thread, any number of times. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that was asked; a blocked reader or writer sees the socket closed.
    }
  }
}
