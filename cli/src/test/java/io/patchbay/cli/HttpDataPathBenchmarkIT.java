package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke mode of {@code benchmarks/http-data-path.sh} (see BENCHMARKS.md, "HTTP data path"): a
 * tiny artifact through nginx, the built launcher (with its class-data archive) and the curl
 * pipeline, so the harness cannot rot. It checks that every run delivered the artifact; the figures
 * it prints are not judged.
 */
@Tag("interop")
class HttpDataPathBenchmarkIT {

  @TempDir Path work;

  @Test
  void theHarnessDeliversATinyArtifactBothWaysColdAndWarm() throws Exception {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("benchmarks/http-data-path.sh");
    Path log = work.resolve("benchmark.log");
    Process run =
        new ProcessBuilder(
                "bash",
                script.toString(),
                "--smoke",
                "--jar",
                System.getProperty("patchbay.launcher"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();

    boolean finished = run.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      run.descendants().forEach(ProcessHandle::destroy);
      run.destroy();
    }
    assertThat(finished).as("the smoke run finished").isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("smoke: every run delivered the artifact intact")
        .containsPattern("(?m)^cold +patchbay +[0-9.]+ +[0-9.]+ +[0-9.]+x")
        .containsPattern("(?m)^warm +patchbay +[0-9.]+ +[0-9.]+ +[0-9.]+x")
        .contains("JVM start-up");
  }
}
