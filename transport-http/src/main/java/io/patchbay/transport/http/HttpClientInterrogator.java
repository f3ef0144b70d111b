package io.patchbay.transport.http;

import io.patchbay.catalog.OriginNotAllowedException;
import io.patchbay.format.ManifestJson;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Interrogates devices that speak the Patchbay device protocol over HTTP: {@code GET
 * /patchbay/v1/manifest} (see docs/protocol-http.md), with the transport's timeouts and retries,
 * the device credentials ({@link HttpTransportConfig#deviceAuthenticator()}) and the manifest
 * limits ({@link HttpTransportConfig#manifestLimits()}). Thread-safe.
 */
public final class HttpClientInterrogator implements ClientInterrogator {

  private final Exchanges exchanges;

  HttpClientInterrogator(Exchanges exchanges) {
    this.exchanges = exchanges;
  }

  /**
   * Fetches the client's manifest.
   *
   * @throws HttpStatusException if the device answers with an error status
   * @throws BelowMinimumRateException if the device sends its manifest slower than the minimum rate
   * @throws java.io.InterruptedIOException if the thread is interrupted or the caller's {@link
   *     io.patchbay.spi.AbortSignal} aborts
   * @throws io.patchbay.format.FormatException if the manifest is malformed or over the manifest
   *     limits
   * @throws OriginNotAllowedException if the device redirects to another origin
   */
  @Override
  public Manifest interrogate(Client client) throws IOException {
    URI uri = DevicePaths.manifest(client.endpoint());
    Scope scope = Scope.device(exchanges.config(), client.endpoint());
    return exchanges.withRetries(
        "GET " + uri,
        () -> {
          HttpRequest request =
              exchanges
                  .request(uri)
                  .timeout(exchanges.config().responseTimeout())
                  .header("Accept", "application/json")
                  .GET()
                  .build();
          HttpResponse<InputStream> response =
              Exchanges.requireSuccess(exchanges.send(request, scope));
          // Closing the body before its end, past the limits, closes the connection: a device
          // cannot make the gateway read more than the manifest limits allow.
          try (InputStream body = response.body()) {
            return ManifestJson.read(body, exchanges.config().manifestLimits());
          }
        });
  }
}
