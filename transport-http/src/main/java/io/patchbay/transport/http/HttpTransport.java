package io.patchbay.transport.http;

import io.patchbay.spi.TransportProvider;
import java.net.URI;
import java.util.Set;

/**
 * The HTTP transport: head-end catalogs and artifacts over {@code http} and {@code https}, and
 * devices that speak the Patchbay device protocol (docs/protocol-http.md).
 *
 * <p>Registered with {@link java.util.ServiceLoader}, so {@link io.patchbay.spi.Transports#load()}
 * finds it with {@link HttpTransportConfig#defaults()}. To configure TLS, credentials, a proxy or
 * timeouts, or mutual TLS with {@code https} devices ({@link HttpTransportConfig#deviceTls()}),
 * create it with a config and pass it to {@link
 * io.patchbay.spi.Transports#of(TransportProvider...)}. One instance shares one connection pool
 * (with device TLS, one for head ends and one for devices); thread-safe.
 */
public final class HttpTransport implements TransportProvider {

  private final Exchanges headEnds;
  private final HttpClientInterrogator interrogator;
  private final HttpTransferer transferer;

  /** The transport with default settings, as {@link java.util.ServiceLoader} creates it. */
  public HttpTransport() {
    this(HttpTransportConfig.defaults());
  }

  /** The transport with {@code config}. */
  public HttpTransport(HttpTransportConfig config) {
    this.headEnds = Exchanges.forHeadEnds(config);
    Exchanges devices = Exchanges.forDevices(config, headEnds);
    this.interrogator = new HttpClientInterrogator(devices);
    this.transferer = new HttpTransferer(devices);
  }

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public HttpClientInterrogator interrogator() {
    return interrogator;
  }

  @Override
  public HttpTransferer transferer() {
    return transferer;
  }

  @Override
  public HttpCentralCatalog catalog(URI catalogUri) {
    return new HttpCentralCatalog(headEnds, catalogUri);
  }
}
