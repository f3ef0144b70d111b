package io.patchbay.transport.http;

import io.patchbay.device.DeviceTrust;
import io.patchbay.model.Client;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.update.UpdateOrchestrator;
import java.net.URI;
import java.nio.file.Path;

/**
 * The gateway process of {@link LargeArtifactStreamingTest}: a reference device and a gateway in
 * one small-heap JVM, updating the device from the head end at {@code args[0]}. Exits 0 on success.
 */
final class StreamingGatewayMain {

  private StreamingGatewayMain() {}

  public static void main(String[] args) throws Exception {
    try (HttpDeviceAgent device =
        HttpDeviceAgent.builder(Path.of(args[1]), DeviceTrust.insecure()).start()) {
      Transports transports = Transports.load();
      UpdateReport report =
          UpdateOrchestrator.builder()
              .allowUnsigned()
              .catalog(transports.catalog(URI.create(args[0])))
              .transports(transports)
              .build()
              .update(Client.of("big", device.endpoint()));
      System.out.println(report);
      System.exit(report.succeeded() ? 0 : 1);
    }
  }
}
