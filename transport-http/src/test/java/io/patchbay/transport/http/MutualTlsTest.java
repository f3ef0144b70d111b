package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ProcessPeer;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with mutual TLS between a gateway and reference devices, with certificates that the real
 * openssl made: each side accepts only the other's certificate from the operator's CA.
 */
@Tag("interop")
class MutualTlsTest {

  @TempDir Path home;

  private OpensslCertificates operator;
  private OpensslCertificates stranger;
  private final InMemoryCatalog headEnd =
      InMemoryCatalog.builder().file("bin/player", "2.0.0").build();

  @BeforeEach
  void makeCertificates() throws Exception {
    operator =
        OpensslCertificates.newCa(home.resolve("operator"), "operator-ca")
            .issueDevice("stb-1")
            .issueGateway("gateway")
            .issueDeviceFor("elsewhere", "10.9.9.9");
    stranger =
        OpensslCertificates.newCa(home.resolve("stranger"), "stranger-ca")
            .issueDevice("rogue-stb")
            .issueGateway("rogue-gateway");
  }

  @Test
  void gatewayWithACertificateFromTheCaUpdatesAnHttpsDevice() throws Exception {
    try (HttpDeviceAgent device = device(operator.tls("stb-1"), InetAddress.getLoopbackAddress())) {
      UpdateReport report = gateway(operator.tls("gateway")).update(client(device));

      assertThat(device.endpoint().getScheme()).isEqualTo("https");
      assertThat(report.succeeded()).as(String.valueOf(report.error())).isTrue();
      assertThat(Files.readString(device.pathOf("bin/player"))).isEqualTo("bin/player 2.0.0");
      assertThat(device.manifest().find("bin/player").orElseThrow().version()).isEqualTo("2.0.0");
    }
  }

  @Test
  void deviceCertificatesNameTheIpv6LoopbackAddressToo() throws Exception {
    try (HttpDeviceAgent device =
        device(
            operator.tls("stb-1"),
            InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))) {
      UpdateReport report = gateway(operator.tls("gateway")).update(client(device));

      assertThat(device.endpoint().toString()).startsWith("https://[0:0:0:0:0:0:0:1]:");
      assertThat(report.succeeded()).as(String.valueOf(report.error())).isTrue();
    }
  }

  @Test
  void deviceRefusesAGatewayWithoutACertificateDuringTheHandshake() throws Exception {
    TlsConfig trustingOnly = TlsConfig.builder(operator.certificate()).build();
    try (HttpDeviceAgent device = device(operator.tls("stb-1"), InetAddress.getLoopbackAddress())) {
      String before = state(device);

      UpdateReport report = gateway(trustingOnly).update(client(device));

      assertRefusedByTheDevice(report);
      assertThat(state(device)).isEqualTo(before);
    }
  }

  @Test
  void deviceRefusesAGatewayWhoseCertificateIsFromAnotherCa() throws Exception {
    // The rogue gateway trusts the operator's CA, so it accepts the device; the device refuses it.
    TlsConfig rogue =
        TlsConfig.builder(operator.certificate())
            .identity(stranger.certificate("rogue-gateway"), stranger.key("rogue-gateway"))
            .build();
    try (HttpDeviceAgent device = device(operator.tls("stb-1"), InetAddress.getLoopbackAddress())) {
      String before = state(device);

      UpdateReport report = gateway(rogue).update(client(device));

      assertRefusedByTheDevice(report);
      assertThat(state(device)).isEqualTo(before);
    }
  }

  @Test
  void gatewayRefusesADeviceWhoseCertificateIsNotFromTheCa() throws Exception {
    // The rogue device would accept the gateway; the gateway refuses the device's certificate.
    TlsConfig rogueDevice =
        TlsConfig.builder(operator.certificate())
            .identity(stranger.certificate("rogue-stb"), stranger.key("rogue-stb"))
            .build();
    try (HttpDeviceAgent device = device(rogueDevice, InetAddress.getLoopbackAddress())) {
      String before = state(device);

      UpdateReport report = gateway(operator.tls("gateway")).update(client(device));

      assertRefusedAtHandshake(report, device);
      assertThat(report.error()).hasMessageContaining("PKIX path");
      assertThat(state(device)).isEqualTo(before);
    }
  }

  @Test
  void gatewayRefusesADeviceCertificateThatNamesAnotherAddress() throws Exception {
    try (HttpDeviceAgent device =
        device(operator.tls("elsewhere"), InetAddress.getLoopbackAddress())) {
      String before = state(device);

      UpdateReport report = gateway(operator.tls("gateway")).update(client(device));

      assertRefusedAtHandshake(report, device);
      assertThat(report.error()).hasMessageContaining("127.0.0.1");
      assertThat(state(device)).isEqualTo(before);
    }
  }

  @Test
  void aPeerThatNeverFinishesTheHandshakeIsClosedAtTheHeaderDeadline() throws Exception {
    try (HttpDeviceAgent device =
            HttpDeviceAgent.builder(home.resolve("device"), DeviceTrust.insecure())
                .tls(operator.tls("stb-1"))
                .headerTimeout(Duration.ofMillis(300))
                .start();
        SlowPeer peer = SlowPeer.connect(SlowPeer.LOOPBACK, device.endpoint())) {
      // The first bytes of a TLS handshake record, then nothing.
      peer.send("\u0016\u0003\u0001");

      // Closed (perhaps after a TLS alert), never answered: the handshake counts in the deadline.
      assertThat(peer.readUntilClosed()).doesNotContain("HTTP/");
    }
  }

  @Test
  void plainHttpDevicesStayPlainForAGatewayWithDeviceTls() throws Exception {
    try (HttpDeviceAgent device =
        HttpDeviceAgent.builder(home.resolve("plain"), DeviceTrust.insecure()).start()) {
      UpdateReport report = gateway(operator.tls("gateway")).update(client(device));

      assertThat(device.endpoint().getScheme()).isEqualTo("http");
      assertThat(report.succeeded()).as(String.valueOf(report.error())).isTrue();
    }
  }

  @Test
  void curlWithTheGatewayCertificateInstallsAFile() throws Exception {
    try (HttpDeviceAgent device = device(operator.tls("stb-1"), InetAddress.getLoopbackAddress())) {
      CurlResult put =
          curlPut(
              device,
              "--cert",
              operator.certificate("gateway").toString(),
              "--key",
              operator.key("gateway").toString());

      assertThat(put.exitCode()).as(put.output()).isZero();
      assertThat(Files.readString(device.pathOf("bin/player"))).isEqualTo("player 2.0.0");
      assertThat(device.manifest().find("bin/player").orElseThrow().version()).isEqualTo("2.0.0");
    }
  }

  @Test
  void curlWithoutAClientCertificateCannotPutAFile() throws Exception {
    try (HttpDeviceAgent device = device(operator.tls("stb-1"), InetAddress.getLoopbackAddress())) {
      String before = state(device);

      CurlResult put = curlPut(device);

      assertThat(put.exitCode()).as(put.output()).isNotZero();
      assertThat(state(device)).isEqualTo(before);
    }
  }

  private record CurlResult(int exitCode, String output) {}

  /** PUTs {@code player 2.0.0} as bin/player with curl, trusting the operator's CA. */
  private CurlResult curlPut(HttpDeviceAgent device, String... options) throws Exception {
    Path curl = ProcessPeer.installed(Path.of("/usr/bin/curl"), "curl");
    byte[] content = "player 2.0.0".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(home.resolve("player.bin"), content);
    List<String> command =
        new ArrayList<>(
            List.of(
                curl.toString(),
                "--silent",
                "--show-error",
                "--fail",
                "--max-time",
                "60",
                "--cacert",
                operator.certificate().toString()));
    command.addAll(List.of(options));
    command.addAll(
        List.of(
            "--upload-file",
            file.toString(),
            "--header",
            DevicePaths.VERSION_HEADER + ": 2.0.0",
            "--header",
            DevicePaths.DIGEST_HEADER
                + ": sha-256=:"
                + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(content))
                + ":",
            DevicePaths.file(device.endpoint(), "bin/player").toString()));
    Path log = home.resolve("curl.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("curl did not finish within 90 s");
    }
    return new CurlResult(process.exitValue(), Files.readString(log));
  }

  private HttpDeviceAgent device(TlsConfig tls, InetAddress address) throws IOException {
    HttpDeviceAgent device =
        HttpDeviceAgent.builder(home.resolve("device"), DeviceTrust.insecure())
            .address(new InetSocketAddress(address, 0))
            .tls(tls)
            .start();
    device.install(
        "bin/player", "1.0.0", new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)));
    return device;
  }

  private UpdateOrchestrator gateway(TlsConfig tls) {
    Transports transports =
        Transports.of(new HttpTransport(HttpTransportConfig.builder().deviceTls(tls).build()));
    return UpdateOrchestrator.builder()
        .catalog(headEnd)
        .transports(transports)
        .allowUnsigned()
        .build();
  }

  private static Client client(HttpDeviceAgent device) {
    return Client.of("stb-1", device.endpoint());
  }

  /**
   * Failed at the first exchange, the interrogation. In TLS 1.3 the device checks the gateway's
   * certificate after the gateway finished its half of the handshake, and the device's server then
   * resets the connection: the gateway sees a reset, not the device's alert (docs/tls.md).
   */
  private static void assertRefusedByTheDevice(UpdateReport report) {
    assertThat(report.succeeded()).isFalse();
    assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
    assertThat(report.error()).isInstanceOf(IOException.class);
  }

  /** Failed at the first exchange, the interrogation, with the handshake error naming the URI. */
  private static void assertRefusedAtHandshake(UpdateReport report, HttpDeviceAgent device) {
    assertThat(report.succeeded()).isFalse();
    assertThat(report.failedStep()).isEqualTo(Step.INTERROGATE);
    assertThat(report.error())
        .isInstanceOf(TlsHandshakeException.class)
        .hasMessageContaining(device.endpoint().toString());
  }

  /** The device's manifest and every file under its directory, with their contents. */
  private static String state(HttpDeviceAgent device) throws IOException {
    Manifest manifest = device.manifest();
    Path root = device.pathOf("bin/player").getParent().getParent();
    StringBuilder state = new StringBuilder(manifest.toString());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        state.append('\n').append(root.relativize(file)).append('=');
        state.append(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    return state.toString();
  }
}
