package io.patchbay.cli;

import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.http.RequestAuthenticator;
import io.patchbay.transport.http.TlsConfig;
import io.patchbay.transport.tftp.TftpTransportConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

  /**
   * A bearer token read once from {@code file}, its surrounding white space stripped, so that the
   * secret is never on a command line (where other users see it in the process list) nor in a
   * configuration file that is shared more widely than the secret.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it does not hold one token (the message never quotes it)
   */
  static RequestAuthenticator bearerToken(Path file) throws IOException {
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    // RFC 6750, section 2.1: a token is visible ASCII. Its value is never printed.
    if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException(
          file + " does not hold a token: one line of visible ASCII characters");
    }
    return RequestAuthenticator.bearer(() -> token);
  }

  /** Tells whether {@code origin} can be an artifact origin: an http, https or tftp URL. */
  static boolean isOrigin(URI origin) {
    String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https") || scheme.equals("tftp"))
        && origin.getHost() != null;
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
