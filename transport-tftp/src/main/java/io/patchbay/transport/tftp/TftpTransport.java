package io.patchbay.transport.tftp;

import io.patchbay.spi.TransportProvider;
import java.net.URI;
import java.util.Set;

/**
 * The TFTP transport: head-end catalogs and artifacts over {@code tftp}, and devices that speak the
 * device protocol over TFTP (docs/protocol-tftp.md).
 *
 * <p>Registered with {@link java.util.ServiceLoader}, so {@link io.patchbay.spi.Transports#load()}
 * finds it with {@link TftpTransportConfig#defaults()}. For other timeouts, block or window sizes,
 * create it with a config and pass it to {@link
 * io.patchbay.spi.Transports#of(TransportProvider...)}. Thread-safe; every transfer runs on its own
 * ephemeral port.
 */
public final class TftpTransport implements TransportProvider {

  private final TftpTransportConfig config;
  private final TftpClient tftp;
  private final TftpClientInterrogator interrogator;
  private final TftpTransferer transferer;

  /** The transport with default settings, as {@link java.util.ServiceLoader} creates it. */
  public TftpTransport() {
    this(TftpTransportConfig.defaults());
  }

  /** The transport with {@code config}. */
  public TftpTransport(TftpTransportConfig config) {
    this.config = config;
    this.tftp = config.client();
    this.interrogator = new TftpClientInterrogator(config, tftp);
    this.transferer = new TftpTransferer(config, tftp);
  }

  /** The settings this transport runs with. */
  public TftpTransportConfig config() {
    return config;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("tftp");
  }

  @Override
  public TftpClientInterrogator interrogator() {
    return interrogator;
  }

  @Override
  public TftpTransferer transferer() {
    return transferer;
  }

  /**
   * The head end whose catalog is at {@code catalogUri}, such as {@code
   * tftp://head-end/patchbay/catalog.json}.
   *
   * @throws IllegalArgumentException if it is not a {@code tftp} URI naming a file
   */
  @Override
  public TftpCentralCatalog catalog(URI catalogUri) {
    return new TftpCentralCatalog(config, tftp, catalogUri);
  }
}
