package io.patchbay.cli;

import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.http.RequestAuthenticator;
import io.patchbay.transport.http.TlsConfig;
import io.patchbay.transport.tftp.TftpTransportConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a command line sets in the transports: mutual TLS with HTTPS devices, extra artifact origins
 * (HTTP and TFTP), and the head end's and devices' credentials (docs/protocol-http.md,
 * docs/protocol-tftp.md).
 *
 * @param deviceTls mutual TLS with HTTPS devices, if any
 * @param artifactOrigins origins besides the catalog's that artifacts (and, over HTTP, redirects)
 *     may come from: {@code http}, {@code https} or {@code tftp} URIs
 * @param headEnd credentials for the catalog's origin, if any
 * @param devices credentials for the devices, if any
 */
record TransportSettings(
    Optional<TlsConfig> deviceTls,
    List<URI> artifactOrigins,
    Optional<RequestAuthenticator> headEnd,
    Optional<RequestAuthenticator> devices) {

  /** The transport's defaults: nothing set. */
  static final TransportSettings DEFAULTS =
      new TransportSettings(Optional.empty(), List.of(), Optional.empty(), Optional.empty());

  TransportSettings {
    artifactOrigins = List.copyOf(artifactOrigins);
  }

  /** Only {@code deviceTls}, if present. */
  static TransportSettings of(Optional<TlsConfig> deviceTls) {
    return new TransportSettings(deviceTls, List.of(), Optional.empty(), Optional.empty());
  }

  /** Tells whether nothing is set, so the transport's defaults apply. */
  boolean isDefault() {
    return deviceTls.isEmpty()
        && artifactOrigins.isEmpty()
        && headEnd.isEmpty()
        && devices.isEmpty();
  }

  /** Sets what is set here for HTTP in {@code config}, and returns it. */
  HttpTransportConfig.Builder applyTo(HttpTransportConfig.Builder config) {
    deviceTls.ifPresent(config::deviceTls);
    headEnd.ifPresent(config::authenticator);
    devices.ifPresent(config::deviceAuthenticator);
    return config.artifactOrigins(origins(false));
  }

  /** Sets what is set here for TFTP in {@code config}, and returns it. */
  TftpTransportConfig.Builder applyTo(TftpTransportConfig.Builder config) {
    return config.artifactOrigins(origins(true).toArray(URI[]::new));
  }

  private List<URI> origins(boolean tftp) {
    return artifactOrigins.stream()
        .filter(origin -> "tftp".equalsIgnoreCase(origin.getScheme()) == tftp)
        .toList();
  }
}
