package io.patchbay.transport.mender;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.fetch.ArtifactCache;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.spi.Transports;
import io.patchbay.transport.http.HttpTransport;
import io.patchbay.transport.http.Nginx;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway updating real Mender client daemons (Debian's mender-client 3.4) from an nginx head
 * end through the same orchestrator as every other transport: interrogated by what they provide,
 * offered a deployment, installed by their single-file update module, confirmed by their next poll.
 */
@Tag("interop")
class MenderClientsTest {

  private static final String PAYLOAD = "epg-app 4.1.0\n".repeat(5_000);

  @TempDir Path home;

  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  @Test
  void severalDevicesAreUpdatedFromOneDownloadAndAFailedInstallIsReportedWithItsLog()
      throws Exception {
    Path installs = Files.createDirectories(home.resolve("installs"));
    Nginx headEnd = started(Nginx.start(home.resolve("head-end"), ""));
    MenderHeadEnd.publish(headEnd, artifact("epg-app", "4.1.0", installs));
    MenderTransport gateway = started(gateway(Duration.ofSeconds(30)));
    List<String> good = List.of("02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03");
    Map<String, MenderDevice> devices = new java.util.LinkedHashMap<>();
    for (String mac : good) {
      devices.put(mac, device(mac, MenderDevice.withMac(mac).installsInto(installs), gateway));
    }
    String failing = "02:00:00:00:00:04";
    devices.put(
        failing,
        device(
            failing,
            MenderDevice.withMac(failing).installsInto(installs).failingInstall(),
            gateway));

    FleetReport report = orchestrator(headEnd, gateway).updateAll(clients(devices.keySet()));

    Map<String, UpdateReport> byDevice =
        report.clients().stream()
            .collect(Collectors.toMap(r -> r.client().id(), Function.identity()));
    for (String mac : good) {
      assertThat(byDevice.get(mac).succeeded()).as(mac).isTrue();
      assertThat(byDevice.get(mac).updatedCount()).as(mac).isEqualTo(1);
      assertThat(Files.readString(devices.get(mac).installed().resolve("epg-app.bin")))
          .isEqualTo(PAYLOAD);
    }
    FileOutcome failed = byDevice.get(failing).files().get(0);
    assertThat(failed.status()).isEqualTo(FileOutcome.Status.FAILED);
    assertThat(failed.failedStep()).isEqualTo(Step.TRANSFER);
    assertThat(failed.error())
        .isInstanceOfSatisfying(
            DeploymentFailedException.class,
            e -> {
              assertThat(e.deviceId()).isEqualTo(failing);
              assertThat(e.log()).anyMatch(line -> line.contains("the disk is full"));
            });
    assertThat(devices.get(failing).installed().resolve("epg-app.bin")).doesNotExist();
    assertThat(headEnd.accessLog()).filteredOn(line -> line.contains("/artifacts/")).hasSize(1);
  }

  @Test
  void aDeviceThatStopsPollingFailsAtItsDeadlineNamingItAndTheOthersAreUpdated() throws Exception {
    Path installs = Files.createDirectories(home.resolve("installs"));
    Nginx headEnd = started(Nginx.start(home.resolve("head-end"), ""));
    MenderHeadEnd.publish(headEnd, artifact("epg-app", "4.1.0", installs));
    MenderTransport gateway = started(gateway(Duration.ofSeconds(6)));
    String alive = "02:00:00:00:00:11";
    String silent = "02:00:00:00:00:12";
    MenderDevice aliveDevice =
        device(alive, MenderDevice.withMac(alive).installsInto(installs), gateway);
    MenderDevice silentDevice =
        device(silent, MenderDevice.withMac(silent).installsInto(installs), gateway);
    // Both were seen; then one is switched off before it is offered anything.
    assertThat(interrogate(gateway, silent).size()).isZero();
    silentDevice.close();

    FleetReport report = orchestrator(headEnd, gateway).updateAll(clients(List.of(alive, silent)));

    UpdateReport updated = report.clients().get(0);
    UpdateReport timedOut = report.clients().get(1);
    assertThat(updated.succeeded()).isTrue();
    assertThat(Files.readString(aliveDevice.installed().resolve("epg-app.bin"))).isEqualTo(PAYLOAD);
    FileOutcome outcome = timedOut.files().get(0);
    assertThat(outcome.failedStep()).isEqualTo(Step.TRANSFER);
    assertThat(outcome.error())
        .isInstanceOfSatisfying(
            DeviceSilentException.class,
            e -> {
              assertThat(e.deviceId()).isEqualTo(silent);
              assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(6));
            })
        .hasMessageContaining(silent);
  }

  private Path artifact(String name, String version, Path installs) throws IOException {
    Path payload = home.resolve(name + ".bin");
    Files.writeString(payload, PAYLOAD);
    return MenderHeadEnd.singleFileArtifact(home, name, version, payload, installs);
  }

  private MenderTransport gateway(Duration pollTimeout) throws IOException {
    return MenderTransport.start(
        MenderTransportConfig.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .admission(DeviceAdmission.acceptAll())
            .pollTimeout(pollTimeout)
            .installTimeout(Duration.ofSeconds(60))
            .connections(64, 16)
            .build());
  }

  private MenderDevice device(String mac, MenderDevice.Setup setup, MenderTransport gateway)
      throws IOException {
    return started(
        MenderDevice.start(
            home.resolve("device-" + mac.replace(':', '-')), setup, gateway.origin()));
  }

  private static Manifest interrogate(MenderTransport gateway, String mac) throws IOException {
    return gateway.interrogator().interrogate(Client.of(mac, "mender://" + mac));
  }

  private UpdateOrchestrator orchestrator(Nginx headEnd, MenderTransport gateway)
      throws IOException {
    Transports transports = Transports.of(new HttpTransport(), gateway);
    return UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(transports.catalog(headEnd.uri("/catalog.json")))
        .transports(transports)
        .artifactStore(ArtifactCache.open(home.resolve("cache"), 1L << 30))
        .maxConcurrentClients(8)
        .build();
  }

  private static List<Client> clients(java.util.Collection<String> macs) {
    return macs.stream().map(mac -> Client.of(mac, URI.create("mender://" + mac))).toList();
  }

  private <T extends AutoCloseable> T started(T resource) {
    running.add(resource);
    return resource;
  }
}
