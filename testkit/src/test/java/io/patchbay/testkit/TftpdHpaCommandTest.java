package io.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TftpdHpaCommandTest {

  @Test
  void servesTheRootInTheForegroundOnALoopbackPortWithTheOptionsBeforeTheRoot() {
    List<String> command =
        TftpdHpaCommand.serving(
            Path.of("/srv/root"), 6969, Path.of("/run/tftpd.pid"), List.of("--create"));

    assertThat(command)
        .containsExactly(
            "/usr/sbin/in.tftpd",
            "--listen",
            "--foreground",
            "--address",
            "127.0.0.1:6969",
            "--secure",
            "--pidfile",
            "/run/tftpd.pid",
            "--create",
            "/srv/root");
  }
}
