package io.patchbay.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** Where a lab server listens: {@code --port N --bind ADDRESS}, any free port on loopback. */
final class ListenOptions {

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "N",
      description = "The port (default: any free port).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "The address (default ${DEFAULT-VALUE}).")
  String bind;

  /** The address to listen on. */
  InetSocketAddress address() throws UnknownHostException {
    return new InetSocketAddress(InetAddress.getByName(bind), port);
  }
}
