package io.patchbay.cli;

import io.patchbay.transport.http.StaticHeadEnd;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin ListenOptions listen;

  @Override
  public Integer call() throws Exception {
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(directory, listen.address())) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Head end serving " + directory + " at " + headEnd.uri("/"));
      out.flush();
      new CountDownLatch(1).await();
    }
    return ExitCodes.OK;
  }
}
