package io.patchbay.transport.http;

import io.patchbay.device.DeviceTrust;
import io.patchbay.spi.TransportProvider;
import io.patchbay.testkit.TransportConformanceKit;
import java.io.IOException;
import java.nio.file.Path;

/** The HTTP transport against the lab head end and the reference device agent. */
class HttpConformanceTest extends TransportConformanceKit {

  @Override
  protected TransportProvider provider() {
    return new HttpTransport();
  }

  @Override
  protected Endpoint startHeadEnd(Path root) throws IOException {
    StaticHeadEnd headEnd = StaticHeadEnd.start(root);
    return Endpoint.of(headEnd.uri("/"), headEnd::close);
  }

  @Override
  protected Endpoint startDevice(Path directory, DeviceTrust trust) throws IOException {
    HttpDeviceAgent device = HttpDeviceAgent.builder(directory, trust).start();
    return Endpoint.of(device.endpoint(), device::close);
  }
}
