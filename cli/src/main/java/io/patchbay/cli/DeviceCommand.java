package io.patchbay.cli;

import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.tftp.TftpDeviceAgent;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay device}: runs a reference device, for labs and integration tests; with {@code
 * --tls-*} an HTTP device serves HTTPS and accepts only gateways with a certificate from the CA.
 */
@Command(
    name = "device",
    description = "Run a reference device that keeps its files in a directory.")
final class DeviceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PROTOCOL",
      description = "The device protocol: http or tftp.")
  String protocol;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Where the device keeps its files.")
  Path directory;

  @Mixin DeviceTrustOptions trust;

  @Mixin ListenOptions listen;

  @Mixin TlsOptions tls;

  @Override
  public Integer call() throws Exception {
    InetSocketAddress address = listen.address();
    if (tls.given() && !protocol.equals("http")) {
      throw new ParameterException(spec.commandLine(), "--tls-* options are for http devices only");
    }
    switch (protocol) {
      case "http" -> {
        HttpDeviceAgent.Builder builder =
            HttpDeviceAgent.builder(directory, trust.deviceTrust(spec, directory)).address(address);
        tls.forDevice(spec).ifPresent(builder::tls);
        try (HttpDeviceAgent device = builder.start()) {
          runUntilInterrupted(device.endpoint());
        }
      }
      case "tftp" -> {
        try (TftpDeviceAgent device =
            TftpDeviceAgent.builder(directory, trust.deviceTrust(spec, directory))
                .address(address)
                .start()) {
          runUntilInterrupted(device.endpoint());
        }
      }
      default ->
          throw new ParameterException(
              spec.commandLine(), "Unknown device protocol " + protocol + "; known: http, tftp");
    }
    return ExitCodes.OK;
  }

  private void runUntilInterrupted(URI endpoint) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Device keeping " + directory + " at " + endpoint);
    out.flush();
    new CountDownLatch(1).await();
  }
}
