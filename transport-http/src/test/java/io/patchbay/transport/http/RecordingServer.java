package io.patchbay.transport.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP/1.1 server on a loopback address for attacks on the client: it counts the connections
 * it accepts, records every request's headers, and answers each path as a test says, one request
 * per connection ({@code Connection: close}). It counts the body bytes it managed to write, so a
 * test can tell that the client stopped reading well before the end.
 */
final class RecordingServer implements AutoCloseable {

  /** A request as received: method, path (with query) and headers, names in lower case. */
  record Request(String method, String target, Map<String, String> headers) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** Writes the answer to one request. */
  @FunctionalInterface
  interface Answer {
    void write(Request request, Response response) throws IOException;
  }

  /** Where an answer is written. */
  final class Response {
    private final OutputStream out;

    private Response(OutputStream out) {
      this.out = out;
    }

    /** A status line and headers, then {@code body}. */
    void send(int status, byte[] body, String... headers) throws IOException {
      head(status, "Content-Length: " + body.length, headers);
      body(body);
    }

    /** A redirect to {@code location}. */
    void redirect(int status, String location) throws IOException {
      send(status, new byte[0], "Location: " + location);
    }

    /**
     * A {@code 200} announcing {@code length} bytes of {@code contentType}: {@code prefix}, then
     * spaces, written until the client goes away.
     */
    void stream(long length, String contentType, byte[] prefix) throws IOException {
      head(200, "Content-Length: " + length, "Content-Type: " + contentType);
      body(prefix);
      byte[] spaces = new byte[64 * 1024];
      Arrays.fill(spaces, (byte) ' ');
      for (long left = length - prefix.length; left > 0; left -= spaces.length) {
        body(Arrays.copyOf(spaces, (int) Math.min(spaces.length, left)));
      }
    }

    private void head(int status, String length, String... headers) throws IOException {
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
      head.append(length).append("\r\nConnection: close\r\n");
      for (String header : headers) {
        head.append(header).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void body(byte[] bytes) throws IOException {
      out.write(bytes);
      written.addAndGet(bytes.length);
    }
  }

  private final ServerSocket socket;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger accepts = new AtomicInteger();
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger answered = new AtomicInteger();
  private final Thread acceptor;

  private RecordingServer(InetAddress address) throws IOException {
    socket = new ServerSocket();
    socket.bind(new InetSocketAddress(address, 0));
    acceptor = new Thread(this::acceptAll, "recording server " + socket.getLocalSocketAddress());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A server on {@code address}, such as 127.0.0.1 or 127.0.0.2 (another loopback origin). */
  static RecordingServer start(String address) throws IOException {
    return new RecordingServer(InetAddress.getByName(address));
  }

  /** Answers requests for {@code path} (without query) with {@code answer}; others get 404. */
  RecordingServer on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  /** Answers {@code path} with {@code body}. */
  RecordingServer serve(String path, byte[] body, String... headers) {
    return on(path, (request, response) -> response.send(200, body, headers));
  }

  /** {@code http://address:port} followed by {@code path}. */
  URI uri(String path) {
    return URI.create(
        "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + path);
  }

  /** The connections accepted so far. */
  int accepts() {
    return accepts.get();
  }

  /** The requests received so far, in order. */
  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The values of {@code header} in every request received, absent ones left out. */
  List<String> received(String header) {
    return requests().stream().flatMap(request -> request.header(header).stream()).toList();
  }

  /** The requests whose answer is over: written, or cut off by the client going away. */
  int answered() {
    return answered.get();
  }

  /** Body bytes the server managed to hand to its socket. */
  long bytesWritten() {
    return written.get();
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException closed) {
        return;
      }
      accepts.incrementAndGet();
      Thread handler = new Thread(() -> handle(connection), "recording server connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      String[] line = readLine(in).split(" ", -1);
      Map<String, String> headers = new TreeMap<>();
      for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
        int colon = header.indexOf(':');
        headers.put(
            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
      Request request = new Request(line[0], line[1], headers);
      requests.add(request);
      long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
      in.skipNBytes(length);
      String path = URI.create(line[1]).getPath();
      Response response = new Response(connection.getOutputStream());
      Answer answer = answers.get(path);
      if (answer == null) {
        response.send(404, new byte[0]);
      } else {
        answer.write(request, response);
      }
      connection.getOutputStream().flush();
    } catch (IOException | RuntimeException e) {
      // The client went away, as some tests make it do.
    } finally {
      answered.incrementAndGet();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("Connection closed mid-request");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
