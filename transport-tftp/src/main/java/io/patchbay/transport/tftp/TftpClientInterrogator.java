package io.patchbay.transport.tftp;

import io.patchbay.format.ManifestJson;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Interrogates devices over TFTP: a read request of the manifest file (by default {@value
 * TftpTransportConfig#DEFAULT_MANIFEST_NAME}) under the client's {@code
 * tftp://host[:port][/prefix]} endpoint, parsed within {@link TftpTransportConfig#manifestLimits()}
 * (docs/protocol-tftp.md): reading stops as soon as the manifest is over them. Thread-safe.
 */
public final class TftpClientInterrogator implements ClientInterrogator {

  private final TftpTransportConfig config;
  private final TftpClient tftp;

  TftpClientInterrogator(TftpTransportConfig config, TftpClient tftp) {
    this.config = config;
    this.tftp = tftp;
  }

  /**
   * Reads the client's manifest.
   *
   * @throws TftpErrorException if the device refuses the read, for example with code 1 (not found)
   * @throws TftpTimeoutException if the device does not answer
   * @throws io.patchbay.format.FormatException if the manifest is malformed or over the limits
   * @throws IllegalArgumentException if the client's endpoint is not a {@code tftp} URI
   */
  @Override
  public Manifest interrogate(Client client) throws IOException {
    TftpLocation device = TftpLocation.of(client.endpoint());
    try (InputStream manifest =
        tftp.open(device.server(), device.file(config.manifestName()), TftpMode.OCTET)) {
      return ManifestJson.read(manifest, config.manifestLimits());
    }
  }
}
