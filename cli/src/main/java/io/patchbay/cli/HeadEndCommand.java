package io.patchbay.cli;

import io.patchbay.transport.http.StaticHeadEnd;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchbay headend}: serves a directory as a static head end, for labs and tests. */
@Command(
    name = "headend",
    description = "Serve a directory (catalog and artifacts) as a head end over HTTP.")
final class HeadEndCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "The directory to serve.")
  Path directory;

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

  @Override
  public Integer call() throws Exception {
    try (StaticHeadEnd headEnd =
        StaticHeadEnd.start(directory, new InetSocketAddress(InetAddress.getByName(bind), port))) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Head end serving " + directory + " at " + headEnd.uri("/"));
      out.flush();
      new CountDownLatch(1).await();
    }
    return ExitCodes.OK;
  }
}
