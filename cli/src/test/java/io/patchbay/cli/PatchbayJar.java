package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the built {@code patchbay.jar} as a separate process, the way a user runs it. */
final class PatchbayJar {

  private static final Pattern ADMIN = Pattern.compile("admin endpoint on (http://\\S+/)");
  private static final Pattern URL = Pattern.compile("((?:http|tftp)://[^\\s]+)");

  private PatchbayJar() {}

  /** The outcome of one run. */
  record Run(int exitCode, String output) {}

  static Run run(Path workDirectory, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDirectory, "patchbay-", ".log");
    Process process = launch(log, args);
    try {
      assertThat(process.waitFor(5, TimeUnit.MINUTES))
          .as("patchbay %s finished: %s", List.of(args), Files.readString(log))
          .isTrue();
    } finally {
      // A run that failed the wait is not left behind.
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readString(log));
  }

  /**
   * Runs {@code catalog build} over {@code headEnd} with {@code versions} (lines of {@code NAME
   * VERSION}, written to {@code work/versions.txt}) and the options {@code more}, and asserts that
   * it succeeded.
   */
  static void buildCatalog(Path work, Path headEnd, String versions, String... more)
      throws IOException, InterruptedException {
    Path file = Files.writeString(work.resolve("versions.txt"), versions);
    List<String> args =
        new ArrayList<>(
            List.of("catalog", "build", headEnd.toString(), "--versions", file.toString()));
    args.addAll(List.of(more));
    Run build = run(work, args.toArray(String[]::new));
    assertThat(build.exitCode()).as(build.output()).isZero();
  }

  /** Starts a command without waiting for it, its output and errors going to {@code log}. */
  static Process launch(Path log, String... args) throws IOException {
    return launch(log, List.of(), args);
  }

  /**
   * Like {@link #launch(Path, String...)}, with SIGHUP ignored, as {@code nohup} starts a process:
   * through a shell that ignores it and then becomes the JVM.
   */
  static Process launchIgnoringHangUp(Path log, String... args) throws IOException {
    ProcessBuilder builder = start(List.of(), args);
    builder.command().addAll(0, List.of("sh", "-c", "trap '' HUP; exec \"$@\"", "sh"));
    return logged(builder, log);
  }

  /** Like {@link #launch(Path, String...)}, with options for the JVM, such as a system property. */
  static Process launch(Path log, List<String> jvmOptions, String... args) throws IOException {
    return logged(start(jvmOptions, args), log);
  }

  /** Starts {@code builder}'s program with its output and errors written to {@code log}. */
  private static Process logged(ProcessBuilder builder, Path log) throws IOException {
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Waits, up to two minutes, until {@code moment} holds while {@code run} still goes (failing with
   * its {@code log} if it ended first), then kills it with SIGKILL: on Linux no shutdown hook and
   * no finally block runs, as in a crash.
   */
  static void killWhen(Process run, Path log, Callable<Boolean> moment)
      throws InterruptedException {
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                assertThat(run.isAlive())
                    .as("the run is still going: %s", Files.readString(log))
                    .isTrue();
                return moment.call();
              });
    } finally {
      run.destroyForcibly();
    }
    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * The admin endpoint {@code patchbay gateway} says it listens on in {@code log}, once it does;
   * fails at once if the gateway exits, with its log.
   */
  static URI adminEndpoint(Path log, Process gateway, Duration patience) {
    return await()
        .atMost(patience)
        .until(
            () -> {
              assertThat(gateway.isAlive()).as(Files.readString(log)).isTrue();
              Matcher url = ADMIN.matcher(Files.readString(log));
              return url.find() ? URI.create(url.group(1)) : null;
            },
            uri -> uri != null);
  }

  /** Starts a long-running command and returns it with the URL it printed on its first line. */
  static Server serve(String... args) throws IOException {
    Process process = start(List.of(), args).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    Matcher url = URL.matcher(String.valueOf(first));
    if (!url.find()) {
      process.destroyForcibly();
      throw new IllegalStateException("patchbay " + List.of(args) + " printed no URL: " + first);
    }
    return new Server(process, url.group(1));
  }

  /** A running {@code headend} or {@code device}. */
  record Server(Process process, String url) implements AutoCloseable {
    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  private static ProcessBuilder start(List<String> jvmOptions, String... args) {
    String jar = System.getProperty("patchbay.jar");
    assertThat(jar).as("the failsafe plugin passes the jar's path").isNotNull();
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
