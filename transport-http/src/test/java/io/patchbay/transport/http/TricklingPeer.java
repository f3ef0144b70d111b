package io.patchbay.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device or head end on loopback that trickles, one byte a second: it either answers every
 * request at once with its headers and then sends the body a byte a second, or reads an upload's
 * body a byte a second and never answers. A thread per connection; counts the requests it got.
 */
final class TricklingPeer implements AutoCloseable {

  private static final long PACE_MILLIS = 1000;

  private final ServerSocket listener;
  private final String head;
  private final int length;
  private final boolean readsUploads;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch firstRequest = new CountDownLatch(1);
  private final CountDownLatch trickling = new CountDownLatch(1);
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  private TricklingPeer(String head, int length, boolean readsUploads) throws IOException {
    this.head = head;
    this.length = length;
    this.readsUploads = readsUploads;
    this.listener = new ServerSocket();
    // A small receive buffer, so an upload it reads slowly soon backs up to the sender.
    listener.setReceiveBufferSize(4096);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "trickling-peer-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Answers {@code status} with a body of {@code length} bytes of {@code contentType}, a strong
   * ETag (so a download could resume) and a body that starts with <code>{</code> and goes on with
   * spaces, which a JSON reader keeps reading.
   */
  static TricklingPeer answering(String status, String contentType, int length) throws IOException {
    return new TricklingPeer(
        "HTTP/1.1 "
            + status
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + length
            + "\r\nETag: \"v1\"\r\n\r\n",
        length,
        false);
  }

  /** Reads each upload's body a byte a second and never answers. */
  static TricklingPeer readingUploads() throws IOException {
    return new TricklingPeer(null, 0, true);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** How many requests arrived. */
  int requests() {
    return requests.get();
  }

  /** Waits until the first request's head arrived. */
  void awaitRequest() throws InterruptedException {
    await(firstRequest, "No request arrived at ");
  }

  /**
   * Waits until an answer's headers and its first two bytes went out, a second apart: by then the
   * gateway is reading the body.
   */
  void awaitTrickling() throws InterruptedException {
    await(trickling, "No body trickled from ");
  }

  private void await(CountDownLatch latch, String failure) throws InterruptedException {
    if (!latch.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException(failure + uri(""));
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket connection = listener.accept();
        connections.add(connection);
        Thread trickle = new Thread(() -> serve(connection), "trickling-peer");
        trickle.setDaemon(true);
        trickle.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      readHead(in);
      requests.incrementAndGet();
      firstRequest.countDown();
      if (readsUploads) {
        while (in.read() >= 0) {
          Thread.sleep(PACE_MILLIS);
        }
        return;
      }
      OutputStream out = connection.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write('{');
      out.flush();
      for (int sent = 1; sent < length; sent++) {
        Thread.sleep(PACE_MILLIS);
        out.write(' ');
        out.flush();
        trickling.countDown();
      }
    } catch (IOException | InterruptedException e) {
      // The gateway gave up on us, or the test is over.
    } finally {
      connections.remove(connection);
    }
  }

  /** Reads a request's head, up to and with the blank line that ends it. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("Connection closed within the request head");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
