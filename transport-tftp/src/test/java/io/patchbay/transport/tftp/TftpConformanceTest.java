package io.patchbay.transport.tftp;

import io.patchbay.device.DeviceTrust;
import io.patchbay.spi.TransportProvider;
import io.patchbay.testkit.TransportConformanceKit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** The TFTP transport against our TFTP server as head end and the reference device agent. */
class TftpConformanceTest extends TransportConformanceKit {

  @Override
  protected TransportProvider provider() {
    return new TftpTransport();
  }

  @Override
  protected Endpoint startHeadEnd(Path root) throws IOException {
    TftpServer headEnd = TftpServer.serve(root, 0);
    return Endpoint.of(URI.create(headEnd.uri() + "/"), headEnd::close);
  }

  @Override
  protected Endpoint startDevice(Path directory, DeviceTrust trust) throws IOException {
    TftpDeviceAgent device = TftpDeviceAgent.start(directory, 0, trust);
    return Endpoint.of(device.endpoint(), device::close);
  }
}
