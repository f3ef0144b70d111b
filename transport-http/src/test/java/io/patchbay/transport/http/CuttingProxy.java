package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback that cuts its first connection after a number of response bytes, as a
 * flaky WAN link would, and relays later connections whole. Also runs an action at the cut, so a
 * test can change the server in between.
 */
final class CuttingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final long cutAfter;
  private final Runnable atCut;
  private final AtomicInteger connections = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "cutting-proxy");
            thread.setDaemon(true);
            return thread;
          });

  CuttingProxy(int targetPort, long cutAfter, Runnable atCut) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.cutAfter = cutAfter;
    this.atCut = atCut;
    threads.execute(this::acceptLoop);
  }

  /** The URI of {@code path} through the proxy. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** How many connections the proxy accepted. */
  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        boolean first = connections.incrementAndGet() == 1;
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        threads.execute(() -> pump(client, server, Long.MAX_VALUE, null));
        threads.execute(
            () -> pump(server, client, first ? cutAfter : Long.MAX_VALUE, first ? atCut : null));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to, long limit, Runnable atCut) {
    byte[] buffer = new byte[8192];
    long moved = 0;
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - moved))) > 0; ) {
        out.write(buffer, 0, n);
        moved += n;
        if (moved >= limit) {
          out.flush();
          if (atCut != null) {
            atCut.run();
          }
          break;
        }
      }
    } catch (IOException e) {
      // One side closed; closing both below ends the other pump too.
    } finally {
      closeBoth(from, to);
    }
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
      b.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
