package io.patchbay.transport.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLSession;

/**
 * A response read off a blocking connection by {@link SocketExchange} (RFC 9112): the status line
 * and header fields within {@link #MAX_HEAD_BYTES} for all of them, interim {@code 1xx} responses
 * and chunk trailers included (each chunk's size line has a limit of its own), then a body framed
 * by {@code Transfer-Encoding: chunked}, {@code Content-Length} or the connection's end (section
 * 6.3). A response that breaks the syntax fails with a {@link ProtocolException} naming what was
 * wrong, before anything of it is used.
 */
record Http11Response(int statusCode, HttpRequest request, HttpHeaders headers, InputStream body)
    implements HttpResponse<InputStream> {

  /** The most a response's head may take, interim responses and chunk trailers included. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** The most a chunk's size line (extensions included) or the line ending its data may take. */
  static final int MAX_CHUNK_LINE_BYTES = 1024;

  /**
   * Reads the final response to {@code request} from {@code in}, skipping interim ones; its body
   * reads from {@code in}, within the framing, through {@code guard}.
   *
   * @throws ProtocolException if the response is not HTTP/1.1 within the limits
   */
  static Http11Response read(HttpRequest request, InputStream in, UnaryOperator<InputStream> guard)
      throws IOException {
    return read(request, new Lines(in, request.uri()), guard);
  }

  /** As {@link #read(HttpRequest, InputStream, UnaryOperator)}, from lines already started. */
  static Http11Response read(HttpRequest request, Lines lines, UnaryOperator<InputStream> guard)
      throws IOException {
    Head head;
    do {
      head = Head.read(lines);
    } while (head.interim());
    return of(request, lines, head, guard);
  }

  /** The final response whose {@code head} was read off {@code lines}, its body framed. */
  static Http11Response of(
      HttpRequest request, Lines lines, Head head, UnaryOperator<InputStream> guard)
      throws ProtocolException {
    HttpHeaders headers = HttpHeaders.of(head.fields(), (name, value) -> true);
    InputStream body =
        guard.apply(
            request.method().equals("HEAD") ? new Bounded(lines, 0) : framed(head, headers, lines));
    return new Http11Response(head.status(), request, headers, body);
  }

  /** One response's status line and header fields. */
  record Head(int status, boolean http10, Map<String, List<String>> fields) {

    /**
     * Reads one head off {@code lines}.
     *
     * @throws ProtocolException if it is malformed, over the budget, or switches protocols
     */
    static Head read(Lines lines) throws IOException {
      int status = lines.statusLine();
      boolean http10 = lines.lastWasHttp10();
      Map<String, List<String>> fields = lines.fields();
      // 101 would switch protocols, which this request did not ask for (RFC 9110, 15.2.2).
      if (status == 101) {
        throw new ProtocolException(lines.uri() + " switched protocols unasked");
      }
      return new Head(status, http10, fields);
    }

    /** Whether this is an interim ({@code 1xx}) response, to be skipped for the final one. */
    boolean interim() {
      return status / 100 == 1;
    }
  }

  /** The body as section 6.3 of RFC 9112 delimits it; closing it closes {@code lines}' stream. */
  private static InputStream framed(Head head, HttpHeaders headers, Lines lines)
      throws ProtocolException {
    if (head.status() == 204 || head.status() == 304) {
      return new Bounded(lines, 0);
    }
    List<String> codings = headers.allValues("Transfer-Encoding");
    if (!codings.isEmpty()) {
      // Faulty framing in HTTP/1.0 (RFC 9112, section 6.1); we ask for no coding but chunked, and
      // a body that runs to the connection's end is not told from one cut short.
      if (head.http10()) {
        throw new ProtocolException(lines.uri + " sent Transfer-Encoding in an HTTP/1.0 response");
      }
      if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
        throw new ProtocolException(
            lines.uri + " sent an unsupported Transfer-Encoding: " + String.join(", ", codings));
      }
      // Transfer-Encoding overrides Content-Length (RFC 9112, section 6.3).
      return new ChunkedBody(lines);
    }
    List<String> lengths = headers.allValues("Content-Length");
    if (lengths.isEmpty()) {
      return lines;
    }
    long length = -1;
    for (String field : lengths) {
      for (String value : field.split(",", -1)) {
        long parsed = contentLength(value.trim(), lines.uri);
        // Repeated values are allowed if they agree (RFC 9110, section 8.6).
        if (length >= 0 && parsed != length) {
          throw new ProtocolException(lines.uri + " sent conflicting Content-Length values");
        }
        length = parsed;
      }
    }
    return new Bounded(lines, length);
  }

  private static long contentLength(String value, URI uri) throws ProtocolException {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Lines::isDigit)) {
      throw new ProtocolException(uri + " sent a malformed Content-Length: " + value);
    }
    return Long.parseLong(value);
  }

  @Override
  public Optional<HttpResponse<InputStream>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }

  /**
   * The connection's bytes, read line by line for the head within one budget, then as the body.
   * Closing it closes the connection's stream.
   */
  static final class Lines extends InputStream {
    private final InputStream in;
    private final URI uri;
    private int headBudget = MAX_HEAD_BYTES;
    private boolean lastWasHttp10;

    Lines(InputStream in, URI uri) {
      this.in = in;
      this.uri = uri;
    }

    /** Reads a status line (RFC 9112, section 4) and returns its status code. */
    int statusLine() throws IOException {
      String line = line();
      if (line.length() < 12
          || !line.startsWith("HTTP/1.")
          || !isDigit(line.charAt(7))
          || line.charAt(8) != ' '
          || !line.substring(9, 12).chars().allMatch(Lines::isDigit)
          || (line.length() > 12 && line.charAt(12) != ' ')) {
        throw new ProtocolException(uri + " sent a malformed status line: " + printable(line));
      }
      int status = Integer.parseInt(line.substring(9, 12));
      lastWasHttp10 = line.charAt(7) == '0';
      if (status < 100 || status > 599) {
        throw new ProtocolException(uri + " sent status " + status);
      }
      return status;
    }

    /** Whether the last status line read was HTTP/1.0's. */
    boolean lastWasHttp10() {
      return lastWasHttp10;
    }

    /** Reads header or trailer fields up to the empty line (RFC 9112, section 5). */
    Map<String, List<String>> fields() throws IOException {
      Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        // No whitespace before the colon, and no obsolete line folding (sections 5.1 and 5.2).
        if (colon <= 0 || !line.substring(0, colon).chars().allMatch(Lines::isTokenChar)) {
          throw new ProtocolException(uri + " sent a malformed header field: " + printable(line));
        }
        // A bare CR or another control character but HTAB (RFC 9110, section 5.5).
        if (line.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 127)) {
          throw new ProtocolException(
              uri + " sent a control character in a header field: " + printable(line));
        }
        fields
            .computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>())
            .add(line.substring(colon + 1).strip());
      }
      return fields;
    }

    /**
     * Reads one line of the head, without its CRLF (a bare LF is accepted, RFC 9112, section 2.2),
     * from what is left of the budget.
     */
    String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new EOFException(uri + " closed the connection within the response head");
        }
        if (--headBudget < 0) {
          throw new ProtocolException(
              uri + " sent a response head over " + MAX_HEAD_BYTES + " bytes");
        }
        line.append((char) b);
      }
      return withoutCr(line);
    }

    /**
     * Reads a chunk's size line or the CRLF after its data, within {@link #MAX_CHUNK_LINE_BYTES} of
     * its own: a long body of small chunks does not draw on the head's budget.
     */
    String chunkLine() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new EOFException(uri + " closed the connection within a chunked body");
        }
        if (line.length() >= MAX_CHUNK_LINE_BYTES) {
          throw new ProtocolException(
              uri + " sent a chunk line over " + MAX_CHUNK_LINE_BYTES + " bytes");
        }
        line.append((char) b);
      }
      return withoutCr(line);
    }

    private static String withoutCr(StringBuilder line) {
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        line.setLength(end - 1);
      }
      return line.toString();
    }

    URI uri() {
      return uri;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return in.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    static boolean isDigit(int c) {
      return c >= '0' && c <= '9';
    }

    /** A {@code tchar} of RFC 9110, section 5.6.2. */
    private static boolean isTokenChar(int c) {
      return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static String printable(String line) {
      String shown = line.length() > 100 ? line.substring(0, 100) + "..." : line;
      return new String(shown.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII)
          .replaceAll("\\p{Cntrl}", "?");
    }
  }

  /** A body of exactly {@code length} bytes; one that ends earlier fails. */
  private static final class Bounded extends InputStream {
    private final Lines in;
    private long remaining;

    Bounded(Lines in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      return OneByte.read(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n < 0) {
        throw new EOFException(in.uri() + " closed the connection " + remaining + " bytes early");
      }
      remaining -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** A {@code chunked} body (RFC 9112, section 7.1), its trailer fields read and dropped. */
  private static final class ChunkedBody extends InputStream {
    /** Size lines longer than this (extensions included) are refused. */
    private static final int MAX_SIZE_DIGITS = 15;

    private final Lines in;
    private long remaining;
    private boolean started;
    private boolean ended;

    ChunkedBody(Lines in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return OneByte.read(this);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      if (remaining == 0) {
        if (started && !in.chunkLine().isEmpty()) {
          throw new ProtocolException(in.uri() + " sent a chunk longer than its size");
        }
        started = true;
        remaining = chunkSize(in.chunkLine());
        if (remaining == 0) {
          in.fields();
          ended = true;
          return -1;
        }
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n < 0) {
        throw new EOFException(in.uri() + " closed the connection within a chunk");
      }
      remaining -= n;
      return n;
    }

    private long chunkSize(String line) throws ProtocolException {
      int end = line.indexOf(';');
      String size = (end < 0 ? line : line.substring(0, end)).strip();
      if (size.isEmpty()
          || size.length() > MAX_SIZE_DIGITS
          || !size.chars().allMatch(ChunkedBody::isHexDigit)) {
        throw new ProtocolException(in.uri() + " sent a malformed chunk size");
      }
      return Long.parseLong(size, 16);
    }

    private static boolean isHexDigit(int c) {
      int lower = c | 0x20;
      return Lines.isDigit(c) || (lower >= 'a' && lower <= 'f');
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
