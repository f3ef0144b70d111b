package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ProcessPeer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server, client, device agent and transport on the IPv6 loopback address {@code ::1}.
 *
 * <p>Decision: IPv6 is expected, so these tests fail, never skip, without {@code ::1}. The CI
 * machines and this project's development containers have it ({@code ip -6 addr show lo} lists
 * {@code inet6 ::1/128}); a host that disabled IPv6 (such as a container started with {@code
 * net.ipv6.conf.all.disable_ipv6=1}) gets the failure of {@link #ipv6LoopbackIsThere()}, which says
 * so, rather than a silent gap in what the build proves.
 */
class Ipv6Test {

  private static final InetAddress LOOPBACK = loopback();

  @TempDir Path home;

  @BeforeAll
  static void ipv6LoopbackIsThere() throws Exception {
    try (DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET6)) {
      socket.bind(new InetSocketAddress(LOOPBACK, 0));
    } catch (IOException | UnsupportedOperationException e) {
      throw new AssertionError(
          "IPv6 is expected but ::1 cannot be bound; enable IPv6 on the loopback"
              + " interface (sysctl net.ipv6.conf.lo.disable_ipv6=0)",
          e);
    }
  }

  @Test
  void serverAndClientTransferBothWaysOverIpv6() throws Exception {
    Sha256 sha = TestFiles.random(home.resolve("root/fw.bin"), 2_000_000, 1);
    Files.createDirectories(home.resolve("root/up"));
    try (TftpServer server =
        TftpServer.builder(home.resolve("root"))
            .writableDirectory("up")
            .address(new InetSocketAddress(LOOPBACK, 0))
            .start()) {
      Path back = home.resolve("back.bin");
      try (OutputStream out = Files.newOutputStream(back)) {
        TftpClient.defaults().read(server.address(), "fw.bin", TftpMode.OCTET, out);
      }
      try (InputStream in = Files.newInputStream(back)) {
        TftpClient.defaults()
            .write(server.address(), "up/fw.bin", TftpMode.OCTET, in, Files.size(back), b -> {});
      }

      assertThat(server.address().getAddress()).isInstanceOf(Inet6Address.class);
      assertThat(server.uri().toString()).startsWith("tftp://[0:0:0:0:0:0:0:1]:");
      assertThat(TestFiles.sha256(back)).isEqualTo(sha);
      assertThat(TestFiles.sha256(home.resolve("root/up/fw.bin"))).isEqualTo(sha);
    }
  }

  @Test
  @Tag("interop")
  void curlGetsAFileFromOurServerOverIpv6() throws Exception {
    Sha256 sha = TestFiles.random(home.resolve("root/fw.bin"), 1_000_000, 2);
    try (TftpServer server =
        TftpServer.builder(home.resolve("root"))
            .address(new InetSocketAddress(LOOPBACK, 0))
            .start()) {
      Path out = home.resolve("curl.bin");

      ProcessPeer.Finished result =
          ProcessPeer.run(
              Duration.ofSeconds(60),
              home,
              List.of(
                  Peers.curl().toString(),
                  "-sS",
                  "--tftp-blksize",
                  "1468",
                  "-o",
                  out.toString(),
                  "tftp://[::1]:" + server.port() + "/fw.bin"));

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(TestFiles.sha256(out)).isEqualTo(sha);
    }
  }

  @Test
  void transportUpdatesADeviceAgentAtAnIpv6Endpoint() throws Exception {
    byte[] firmware = "firmware over IPv6 ".repeat(20_000).getBytes(StandardCharsets.UTF_8);
    try (TftpDeviceAgent device =
        TftpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure())
            .address(new InetSocketAddress(LOOPBACK, 0))
            .start()) {
      Client stb = Client.of("stb6", "tftp://[::1]:" + device.port());
      TftpTransport transport = new TftpTransport();

      transport
          .transferer()
          .transfer(
              stb,
              TftpTransferTest.artifact("fw/main.bin", firmware, InMemoryCatalog.sha256(firmware)),
              b -> {});

      assertThat(Files.readAllBytes(device.pathOf("fw/main.bin"))).isEqualTo(firmware);
      assertThat(transport.interrogator().interrogate(stb).entries())
          .extracting(FileEntry::name)
          .containsExactly("fw/main.bin");
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(
          "localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("::1 is a literal", e);
    }
  }
}
