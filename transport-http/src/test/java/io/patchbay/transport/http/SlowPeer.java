package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw HTTP/1.1 client on a real socket, from a chosen local address, that sends what a test says
 * and no more: half a header, a header and part of a body. Reads give up after 20 s, a safety net
 * for a broken server, not a timing assertion. Public for the tests of the other modules that serve
 * on {@code io.patchbay.internal.jetty.LimitedServer}.
 */
public final class SlowPeer implements AutoCloseable {

  /** Another loopback address: Linux routes all of 127.0.0.0/8 to the loopback interface. */
  public static final InetAddress OTHER_LOOPBACK = address("127.0.0.2");

  public static final InetAddress LOOPBACK = address("127.0.0.1");

  /** How long a read waits for the server unless told otherwise. */
  private static final int READ_TIMEOUT_MILLIS = 20_000;

  private final Socket socket;
  private final PushbackInputStream in;

  private SlowPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new PushbackInputStream(socket.getInputStream());
  }

  /** Connects from {@code local} to the server at {@code uri}. */
  public static SlowPeer connect(InetAddress local, URI uri) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(local, 0));
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return new SlowPeer(socket);
  }

  /** Sends {@code text}, as ISO-8859-1. */
  public SlowPeer send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Sends a complete {@code GET} of {@code path} that asks the server to close afterwards. */
  public SlowPeer get(String path) throws IOException {
    return send("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  }

  /** Whether the server sent something that was not read yet. */
  public boolean answered() throws IOException {
    return in.available() > 0;
  }

  /**
   * Waits up to {@code patience} for the server to answer or close, reading nothing away: what a
   * peer that sends slowly does between its bytes, so that it stops as soon as it is cut off.
   *
   * @return whether the server answered or closed the connection
   */
  public boolean awaitAnswer(Duration patience) throws IOException {
    if (in.available() > 0) {
      return true;
    }
    socket.setSoTimeout(Math.toIntExact(Math.max(1, patience.toMillis())));
    try {
      int first = in.read();
      if (first >= 0) {
        in.unread(first);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return true;
      }
      throw e;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  /** Everything the server sends until it closes the connection; a reset ends it too. */
  public String readUntilClosed() throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      if (!String.valueOf(e.getMessage()).contains("reset")) {
        throw e;
      }
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }

  /** Asserts that the server closed the connection without answering anything. */
  public void assertClosedUnanswered() throws IOException {
    assertThat(readUntilClosed()).isEmpty();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
