package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.transport.http.HttpTransportConfig;
import io.patchbay.transport.tftp.TftpTransportConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

  @Test
  void eachTransportGetsTheArtifactOriginsOfItsSchemes() {
    URI cdn = URI.create("https://cdn.example:8443");
    URI tftpServer = URI.create("tftp://10.0.0.9:6969");
    TransportSettings settings =
        new TransportSettings(
            Optional.empty(), List.of(cdn, tftpServer), Optional.empty(), Optional.empty());

    HttpTransportConfig http = settings.applyTo(HttpTransportConfig.builder()).build();
    TftpTransportConfig tftp = settings.applyTo(TftpTransportConfig.builder()).build();

    assertThat(http.artifactOrigins()).extracting(URI::getHost).containsExactly("cdn.example");
    assertThat(tftp.artifactOrigins()).extracting(URI::getHost).containsExactly("10.0.0.9");
  }

  @Test
  void anOriginOfAnotherSchemeIsAUsageError() {
    CommandRun.Result result =
        CommandRun.run(
            "plan",
            "--allow-unsigned",
            "--catalog",
            "http://127.0.0.1:9/catalog.json",
            "--client",
            "stb=http://127.0.0.1:9",
            "--artifact-origin",
            "ftp://files.example");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.err()).contains("ftp://files.example is not an http, https or tftp URL");
  }
}
