package io.patchbay.cli;

import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.http.RequestAuthenticator;
import io.patchbay.transport.http.TlsConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a command line sets in the HTTP transport: mutual TLS with devices, extra artifact origins,
 * and the head end's and devices' credentials (docs/protocol-http.md).
 *
 * @param deviceTls mutual TLS with HTTPS devices, if any
 * @param artifactOrigins origins besides the catalog's that artifacts and redirects may come from
 * @param headEnd credentials for the catalog's origin, if any
 * @param devices credentials for the devices, if any
 */
record HttpSettings(
    Optional<TlsConfig> deviceTls,
    List<URI> artifactOrigins,
    Optional<RequestAuthenticator> headEnd,
    Optional<RequestAuthenticator> devices) {

  /** The transport's defaults: nothing set. */
  static final HttpSettings DEFAULTS =
      new HttpSettings(Optional.empty(), List.of(), Optional.empty(), Optional.empty());

  HttpSettings {
    artifactOrigins = List.copyOf(artifactOrigins);
  }

  /** Only {@code deviceTls}, if present. */
  static HttpSettings of(Optional<TlsConfig> deviceTls) {
    return new HttpSettings(deviceTls, List.of(), Optional.empty(), Optional.empty());
  }

  /** Tells whether nothing is set, so the transport's defaults apply. */
  boolean isDefault() {
    return deviceTls.isEmpty()
        && artifactOrigins.isEmpty()
        && headEnd.isEmpty()
        && devices.isEmpty();
  }

  /** Sets what is set here in {@code config}, and returns it. */
  HttpTransportConfig.Builder applyTo(HttpTransportConfig.Builder config) {
    deviceTls.ifPresent(config::deviceTls);
    headEnd.ifPresent(config::authenticator);
    devices.ifPresent(config::deviceAuthenticator);
    return config.artifactOrigins(artifactOrigins);
  }
}
