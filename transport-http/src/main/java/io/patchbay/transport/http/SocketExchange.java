package io.patchbay.transport.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

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

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

  private final HttpTransportConfig config;
  private final Socket socket = new Socket();

  // Guarded by this: whether the response's head arrived, or the request's timeout came first.
  private boolean headRead;
  private boolean timedOut;

  SocketExchange(HttpTransportConfig config) {
    this.config = config;
  }

  /**
   * Tells whether a request to {@code uri} can go this way: plain {@code http} to an IP literal (a
   * name would be resolved on the caller's thread, outside every deadline, so names go through the
   * JDK's client), on a direct route, as the configured proxy selector (or the JDK's default, as
   * for the JDK's client) says.
   */
  static boolean serves(URI uri, HttpTransportConfig config) {
    if (!"http".equalsIgnoreCase(uri.getScheme()) || !isIpLiteral(uri.getHost())) {
      return false;
    }
    ProxySelector selector = config.proxy().orElseGet(ProxySelector::getDefault);
    if (selector == null) {
      return true;
    }
    List<Proxy> route = selector.select(uri);
    return route.isEmpty() || route.stream().allMatch(proxy -> proxy.type() == Proxy.Type.DIRECT);
  }

  /** A dotted-quad IPv4 address or a bracketed IPv6 one, which java.net.URI checked already. */
  private static boolean isIpLiteral(String host) {
    return host != null && (host.startsWith("[") || IPV4.matcher(host).matches());
  }

  /**
   * Connects, sends {@code request}'s head and {@code body} ({@code null} for none), and reads the
   * response's head. A device that answers before it has taken the whole body, such as a refusal,
   * is heard: its answer is returned and the rest of the body is not sent; a success then fails,
   * since a partial upload is never delivered. Interim responses do not stop the body.
   *
   * @param guard wraps the response body, such as in a {@link GuardedInputStream}
   * @return the response; closing its body closes the connection
   * @throws HttpTimeoutException if the response's head did not arrive within the request's timeout
   * @throws ProtocolException if the device answered a success before taking the whole body
   * @throws IOException if connecting, sending, reading the body's source or the response fails, or
   *     {@link #close()} was called
   */
  HttpResponse<InputStream> send(
      HttpRequest request, UploadBody body, UnaryOperator<InputStream> guard) throws IOException {
    ScheduledFuture<?> deadline =
        request.timeout().map(timeout -> StallGuard.schedule(this::timeOut, timeout)).orElse(null);
    boolean answered = false;
    try {
      HttpResponse<InputStream> response;
      try {
        socket.setTcpNoDelay(true);
        connect(request.uri());
        response = exchange(request, body, guard);
      } catch (IOException e) {
        throw timedOut() ? timeout(request, e) : e;
      }
      synchronized (this) {
        headRead = true;
        answered = !timedOut;
      }
      if (!answered) {
        // The deadline closed the socket after the head arrived, before it was marked read.
        throw timeout(request, null);
      }
      return response;
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (!answered) {
        close();
      }
    }
  }

  private synchronized boolean timedOut() {
    return timedOut;
  }

  private static HttpTimeoutException timeout(HttpRequest request, IOException cause) {
    HttpTimeoutException timeout =
        new HttpTimeoutException(
            request.method()
                + " "
                + request.uri()
                + ": no response within "
                + request.timeout().orElseThrow().toMillis()
                + " ms");
    timeout.initCause(cause);
    return timeout;
  }

  /**
   * Sends the request and reads the response. Only failures to write to the device wait for its
   * answer; a failing source, a short body or an interrupt fails at once.
   */
  private HttpResponse<InputStream> exchange(
      HttpRequest request, UploadBody body, UnaryOperator<InputStream> guard) throws IOException {
    InputStream in = new BufferedInputStream(socket.getInputStream(), CHUNK_BYTES);
    Http11Response.Lines lines = new Http11Response.Lines(in, request.uri());
    OutputStream out = socket.getOutputStream();
    byte[] requestHead = head(request, body);
    try {
      out.write(requestHead);
    } catch (IOException failed) {
      return answerAfter(failed, request, lines, guard, body != null);
    }
    if (body == null) {
      return Http11Response.read(request, lines, guard);
    }
    byte[] buffer = new byte[CHUNK_BYTES];
    for (long left = body.size(); left > 0; ) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(
            "Interrupted during " + request.method() + " " + request.uri());
      }
      // The device answered already: skip interim responses, stop at a final one.
      while (in.available() > 0) {
        Http11Response.Head head = Http11Response.Head.read(lines);
        if (!head.interim()) {
          return partial(request, Http11Response.of(request, lines, head, guard));
        }
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
      try {
        out.write(buffer, 0, n);
      } catch (IOException failed) {
        return answerAfter(failed, request, lines, guard, true);
      }
      left -= n;
    }
    return Http11Response.read(request, lines, guard);
  }

  /**
   * The device's answer after writing to it failed: it may refuse early and close (RFC 9112,
   * section 9.6), and its answer says why. Without an answer, {@code failed} is thrown.
   */
  private static HttpResponse<InputStream> answerAfter(
      IOException failed,
      HttpRequest request,
      Http11Response.Lines lines,
      UnaryOperator<InputStream> guard,
      boolean bodyCut)
      throws IOException {
    Http11Response response;
    try {
      response = Http11Response.read(request, lines, guard);
    } catch (IOException noAnswer) {
      failed.addSuppressed(noAnswer);
      throw failed;
    }
    return bodyCut ? partial(request, response) : response;
  }

  /** A final response that stopped the upload: a refusal is returned, a success fails. */
  private static HttpResponse<InputStream> partial(HttpRequest request, Http11Response response)
      throws IOException {
    if (response.statusCode() < 300) {
      response.body().close();
      throw new ProtocolException(
          request.uri()
              + " answered "
              + response.statusCode()
              + " to "
              + request.method()
              + " before taking the whole body");
    }
    return response;
  }

  private synchronized void timeOut() {
    if (!headRead) {
      timedOut = true;
      close();
    }
  }

  private void connect(URI uri) throws IOException {
    try {
      socket.connect(address(uri), timeoutMillis(config.connectTimeout()));
    } catch (SocketTimeoutException e) {
      // As the JDK's client reports it.
      HttpConnectTimeoutException timeout =
          new HttpConnectTimeoutException(
              "Connecting to " + uri + " took over " + config.connectTimeout().toMillis() + " ms");
      timeout.initCause(e);
      throw timeout;
    }
  }

  /**
   * A timeout for {@link Socket#connect(java.net.SocketAddress, int)}, where 0 means none: at least
   * 1 ms for any positive duration, at most {@link Integer#MAX_VALUE} ms.
   */
  static int timeoutMillis(Duration timeout) {
    if (timeout.compareTo(MAX_TIMEOUT) >= 0) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.max(1, timeout.toMillis());
  }

  /**
   * The request line and header section: {@code request}'s fields, which its builder checked for
   * forbidden characters, then {@code Host}, the body's length if there is one and {@code
   * Connection: close}, which that builder does not let a caller set.
   */
  private static byte[] head(HttpRequest request, UploadBody body) throws IOException {
    URI uri = request.uri();
    StringBuilder head = new StringBuilder(512);
    head.append(request.method()).append(' ').append(target(uri));
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

  /**
   * The request-target in origin form (RFC 9112, section 3.2.1), percent-encoded as UTF-8 as the
   * JDK's client sends it: a character outside US-ASCII would not survive the wire otherwise.
   */
  private static String target(URI uri) throws ProtocolException {
    URI ascii = URI.create(uri.toASCIIString());
    String path = ascii.getRawPath();
    String target = path == null || path.isEmpty() ? "/" : path;
    if (ascii.getRawQuery() != null) {
      target += "?" + ascii.getRawQuery();
    }
    if (!target.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new ProtocolException("Cannot send the request-target of " + uri + " as it is");
    }
    return target;
  }

  /** The device's address; {@link #serves} let only IP literals here, so nothing is resolved. */
  private static InetSocketAddress address(URI uri) throws IOException {
    String host = uri.getHost();
    // java.net.URI keeps the brackets of an IPv6 literal.
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(
        InetAddress.getByName(host), uri.getPort() < 0 ? 80 : uri.getPort());
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
