package io.patchbay.cli;

import io.patchbay.transport.http.TlsConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options for mutual TLS between a gateway and its HTTPS devices: this side's certificate and
 * key, and the operator's CA that the other side's certificate must come from (docs/tls.md).
 */
final class TlsOptions {

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "This side's certificate chain (PEM), issued by the --tls-ca.")
  Path certificate;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "The private key of --tls-cert (unencrypted PKCS #8 PEM).")
  Path key;

  @Option(
      names = "--tls-ca",
      paramLabel = "PEM",
      description = "The operator's CA certificates (PEM); the other side's must be issued by it.")
  Path ca;

  /** Tells whether any TLS option was given. */
  boolean given() {
    return certificate != null || key != null || ca != null;
  }

  /**
   * The gateway's TLS with HTTPS devices, if any option was given: {@code --tls-ca} alone checks
   * devices without presenting a certificate (devices that require one refuse the gateway).
   *
   * @throws ParameterException if a certificate comes without its key or either without a CA
   * @throws io.patchbay.transport.http.InvalidTlsFileException naming a file that is not usable
   */
  Optional<TlsConfig> forGateway(CommandSpec command) {
    if (!given()) {
      return Optional.empty();
    }
    if ((certificate == null) != (key == null)) {
      throw new ParameterException(
          command.commandLine(), "--tls-cert and --tls-key must be given together");
    }
    if (ca == null) {
      throw new ParameterException(
          command.commandLine(),
          "--tls-ca is required with --tls-cert: it is the CA the devices' certificates come from");
    }
    TlsConfig.Builder tls = TlsConfig.builder(ca);
    if (certificate != null) {
      tls.identity(certificate, key);
    }
    return Optional.of(tls.build());
  }

  /**
   * A device's TLS, if any option was given: then all three are required, since the device presents
   * its certificate and accepts only gateways with one from the CA.
   *
   * @throws ParameterException if one of the three is missing
   * @throws io.patchbay.transport.http.InvalidTlsFileException naming a file that is not usable
   */
  Optional<TlsConfig> forDevice(CommandSpec command) {
    if (!given()) {
      return Optional.empty();
    }
    if (certificate == null || key == null || ca == null) {
      throw new ParameterException(
          command.commandLine(),
          "A device serving HTTPS needs all of --tls-cert, --tls-key and --tls-ca");
    }
    return Optional.of(TlsConfig.builder(ca).identity(certificate, key).build());
  }
}
