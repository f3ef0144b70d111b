package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's HTTP clients speak HTTPS with mutual TLS, with certificates it made at start. */
class DemoTlsTest {

  @TempDir Path work;

  @Test
  void demoUpdatesItsHttpClientsOverMutualTlsWithCertificatesMadeAtStart() {
    CommandRun.Result demo =
        CommandRun.run(
            "demo",
            "--clients",
            "2",
            "--tftp-clients",
            "0",
            "--artifact-size",
            "64k",
            "--dir",
            work,
            "--json");

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.out())
        .contains("\"id\" : \"stb-1\"", "\"id\" : \"stb-2\"")
        .doesNotContain("\"endpoint\" : \"http://")
        .containsPattern("\"endpoint\" : \"https://127\\.0\\.0\\.1:\\d+\"");
    assertThat(work.resolve("tls/ca.pem")).exists();
  }
}
