package io.patchbay.transport.http;

import io.patchbay.fetch.Artifact;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.EntryProof;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.transfer.Transferer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Transfers files to devices that speak the Patchbay device protocol over HTTP: {@code PUT
 * /patchbay/v1/files/{name}} with {@code Content-Length}, {@code Patchbay-Version} and {@code
 * Repr-Digest} (see docs/protocol-http.md), and the artifact's {@linkplain Artifact#proof() proof}
 * in {@code Patchbay-Proof} when the catalog was verified, with the device credentials ({@link
 * HttpTransportConfig#deviceAuthenticator()}), never the head end's; a redirect is not followed.
 * Streams from the artifact, never holding it in memory.
 *
 * <p>A transfer that makes no progress for the read timeout, or that the device takes slower than
 * the minimum rate, is aborted, as is one whose caller's {@link io.patchbay.spi.AbortSignal}
 * aborts. Connection failures and {@code 5xx} are retried from the start (a {@code PUT} is
 * idempotent); a device's refusal is a {@link TransferRejectedException}. Thread-safe.
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
   * @throws BelowMinimumRateException if the device took the file, or sent its answer, slower than
   *     the minimum rate
   * @throws HttpTimeoutException if the transfer stalled for longer than the read timeout
   * @throws java.io.InterruptedIOException if the thread is interrupted or the caller's {@link
   *     io.patchbay.spi.AbortSignal} aborts
   */
  @Override
  public void transfer(Client client, Artifact artifact, LongConsumer progress) throws IOException {
    URI uri = DevicePaths.file(client.endpoint(), artifact.entry().name());
    exchanges.withRetries(
        "PUT " + uri,
        () -> {
          put(client, artifact, uri, progress);
          return null;
        });
  }

  private void put(Client client, Artifact artifact, URI uri, LongConsumer progress)
      throws IOException {
    CatalogEntry entry = artifact.entry();
    Optional<String> proof = artifact.proof().map(HttpTransferer::proofHeader);
    try (InputStream content = artifact.open()) {
      HttpResponse<InputStream> response;
      try (StallGuard guard = new StallGuard(exchanges.config(), "PUT", uri)) {
        UploadBody upload = new UploadBody(content, entry.size(), guard, progress);
        HttpRequest.Builder request =
            exchanges
                .request(uri)
                .header("Content-Type", "application/octet-stream")
                .header(DevicePaths.VERSION_HEADER, entry.version())
                .header(DevicePaths.DIGEST_HEADER, "sha-256=:" + entry.sha256().base64() + ":")
                .PUT(upload.publisher());
        proof.ifPresent(value -> request.header(DevicePaths.PROOF_HEADER, value));
        response =
            exchanges.send(
                request.build(), Scope.device(exchanges.config(), client.endpoint()), upload);
      }
      accept(response, client, entry);
    }
  }

  private void accept(HttpResponse<InputStream> response, Client client, CatalogEntry entry)
      throws IOException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      exchanges.discard(response);
      return;
    }
    Problem problem = Problem.readIfAny(response);
    if (status >= 400 && status < 500 && status != 429 && problem != null) {
      Reason reason = reasonOf(problem.type());
      String detail =
          reason == Reason.UNTRUSTED && problem.refusal() != null
              ? problem.refusal() + ": " + problem.explanation()
              : problem.explanation();
      throw new TransferRejectedException(client.id(), entry.name(), reason, detail);
    }
    throw Exchanges.failure(response, problem);
  }

  private static Reason reasonOf(String problemType) {
    return switch (problemType) {
      case Problem.DIGEST_MISMATCH -> Reason.DIGEST_MISMATCH;
      case Problem.INVALID_NAME -> Reason.INVALID_NAME;
      case Problem.NO_SPACE, Problem.TOO_LARGE -> Reason.NO_SPACE;
      case Problem.BUSY -> Reason.BUSY;
      case Problem.UNTRUSTED_FILE -> Reason.UNTRUSTED;
      default -> Reason.OTHER;
    };
  }

  /** The {@code Patchbay-Proof} value: base64url, unpadded, of the proof's compact JSON. */
  private static String proofHeader(EntryProof proof) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try {
      SignatureJson.writeProof(proof, json);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory cannot fail", e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toByteArray());
  }
}
