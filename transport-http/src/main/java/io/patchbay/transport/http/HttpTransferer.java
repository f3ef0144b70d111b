package io.patchbay.transport.http;

import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.transfer.Transferer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Transfers files to devices that speak the Patchbay device protocol over HTTP: {@code PUT
 * /patchbay/v1/files/{name}} with {@code Content-Length}, {@code Patchbay-Version} and {@code
 * Repr-Digest} (see docs/protocol-http.md). Streams from the artifact, never holding it in memory.
 *
 * <p>A transfer that makes no progress for the read timeout is aborted. Connection failures and
 * {@code 5xx} are retried from the start (a {@code PUT} is idempotent); a device's refusal is a
 * {@link TransferRejectedException}. Thread-safe.
 */
public final class HttpTransferer implements Transferer {

  private final Exchanges exchanges;

  HttpTransferer(Exchanges exchanges) {
    this.exchanges = exchanges;
  }

  /**
   * Sends the artifact and returns once the device answered {@code 2xx}.
   *
   * @throws TransferRejectedException if the device refused the file with a problem document
   * @throws HttpStatusException if the device answered another error status
   * @throws HttpTimeoutException if the transfer stalled for longer than the read timeout
   */
  @Override
  public void transfer(Client client, Artifact artifact, LongConsumer progress) throws IOException {
    URI uri = DevicePaths.file(client.endpoint(), artifact.entry().name());
    exchanges.withRetries("PUT " + uri, () -> {
      put(client, artifact, uri, progress);
      return null;
    });
  }

  private void put(Client client, Artifact artifact, URI uri, LongConsumer progress) throws IOException {
    CatalogEntry entry = artifact.entry();
    AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
    try (InputStream content = artifact.open();
        StallGuard guard = new StallGuard(exchanges.config().readTimeout(), () -> cancel(inFlight.get()))) {
      InputStream counted = new Progress(content, guard, progress);
      HttpRequest request = exchanges.request(uri)
          .header("Content-Type", "application/octet-stream")
          .header(DevicePaths.VERSION_HEADER, entry.version())
          .header(DevicePaths.DIGEST_HEADER, "sha-256=:" + entry.sha256().base64() + ":")
          .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> counted), entry.size()))
          .build();
      CompletableFuture<HttpResponse<InputStream>> exchange =
          exchanges.client().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
      inFlight.set(exchange);
      if (guard.tripped()) {
        exchange.cancel(true);
      }
      accept(await(exchange, guard, uri), client, entry);
    }
  }

  private static void cancel(CompletableFuture<?> exchange) {
    if (exchange != null) {
      exchange.cancel(true);
    }
  }

  private HttpResponse<InputStream> await(
      CompletableFuture<HttpResponse<InputStream>> exchange, StallGuard guard, URI uri) throws IOException {
    try {
      return exchange.get();
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted during PUT " + uri);
    } catch (CancellationException | ExecutionException e) {
      // Cancelling the exchange surfaces either way, depending on where the client was.
      if (guard.tripped()) {
        HttpTimeoutException stalled = new HttpTimeoutException(
            "PUT " + uri + " made no progress for " + exchanges.config().readTimeout());
        stalled.initCause(e);
        throw stalled;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("PUT " + uri + " failed", e.getCause() != null ? e.getCause() : e);
    }
  }

  private static void accept(HttpResponse<InputStream> response, Client client, CatalogEntry entry) throws IOException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      Exchanges.discard(response);
      return;
    }
    Problem problem = Problem.readIfAny(response);
    if (status >= 400 && status < 500 && status != 429 && problem != null) {
      throw new TransferRejectedException(client.id(), entry.name(), reasonOf(problem.type()), problem.explanation());
    }
    throw Exchanges.failure(response, problem);
  }

  private static Reason reasonOf(String problemType) {
    return switch (problemType) {
      case Problem.DIGEST_MISMATCH -> Reason.DIGEST_MISMATCH;
      case Problem.INVALID_NAME -> Reason.INVALID_NAME;
      case Problem.NO_SPACE, Problem.TOO_LARGE -> Reason.NO_SPACE;
      case Problem.BUSY -> Reason.BUSY;
      default -> Reason.OTHER;
    };
  }

  /** Counts the bytes the HTTP client pulls from the artifact, for the listener and the stall guard. */
  private static final class Progress extends FilterInputStream {
    private final StallGuard guard;
    private final LongConsumer progress;
    private long total;

    Progress(InputStream in, StallGuard guard, LongConsumer progress) {
      super(in);
      this.guard = guard;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        moved(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        moved(n);
      }
      return n;
    }

    private void moved(int bytes) {
      total += bytes;
      guard.progress();
      progress.accept(total);
    }
  }
}
