package io.patchbay.internal.jetty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection that does not deliver a request's complete header in time: within the
 * deadline of opening (so a TLS handshake counts too) and of each response sent, for the next
 * request on a persistent connection. Jetty's idle timeout alone lets a peer that sends a byte of
 * header now and then hold a connection forever (slow loris).
 *
 * <p>Jetty calls the handler once the header is parsed, which disarms the deadline; the handler's
 * completion arms it again. Deadlines run on the server's scheduler and close the connection's end
 * point: no thread waits for them. Thread-safe.
 */
final class HeaderDeadline extends Handler.Wrapper implements Connection.Listener {

  private final Scheduler scheduler;
  private final Duration deadline;
  private final Map<Connection, Expiry> armed = new ConcurrentHashMap<>();

  HeaderDeadline(Scheduler scheduler, Duration deadline, Handler handler) {
    super(handler);
    this.scheduler = scheduler;
    this.deadline = deadline;
  }

  @Override
  public void onOpened(Connection connection) {
    // Over TLS, the HTTP connection inside the TLS one is armed: it opens when the TLS one does.
    if (!(connection instanceof SslConnection)) {
      arm(connection);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    disarm(connection);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connection connection = request.getConnectionMetaData().getConnection();
    disarm(connection);
    boolean handled =
        super.handle(
            request,
            response,
            new Callback.Nested(callback) {
              @Override
              public void succeeded() {
                arm(connection);
                super.succeeded();
              }
            });
    if (!handled) {
      arm(connection);
    }
    return handled;
  }

  private void arm(Connection connection) {
    Expiry expiry = new Expiry(connection);
    Expiry previous = armed.put(connection, expiry);
    if (previous != null) {
      previous.task.cancel();
    }
    expiry.task = scheduler.schedule(expiry, deadline);
    // Closed meanwhile: onClosed may have run before the put, so forget the connection here.
    if (!connection.getEndPoint().isOpen()) {
      disarm(connection);
    }
  }

  private void disarm(Connection connection) {
    Expiry expiry = armed.remove(connection);
    if (expiry != null) {
      expiry.task.cancel();
    }
  }

  /** Closes its connection unless it was disarmed or armed again since. */
  private final class Expiry implements Runnable {
    private final Connection connection;
    // Set right after scheduling; a cancel before that finds the no-op task.
    private volatile Scheduler.Task task = () -> false;

    Expiry(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      if (armed.remove(connection, this)) {
        connection.getEndPoint().close();
      }
    }
  }
}
