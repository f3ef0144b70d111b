package io.patchbay.transport.mender;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.model.Client;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.update.UnconfirmedUpdateException;
import io.patchbay.update.UpdateOrchestrator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator over the Mender transport counts a device updated only when its next poll
 * provides the catalog's version, whatever status it reported; here for a plain file the gateway
 * wraps.
 */
class ConfirmationTest {

  private static final String MAC = "02:00:00:00:00:51";
  private static final String BEFORE = "{\"artifact_name\":\"base-1\",\"device_type\":\"stb\"}";

  private MenderTransport gateway;
  private ScriptedDevice device;
  private UpdateOrchestrator orchestrator;

  @BeforeEach
  void start() throws Exception {
    gateway =
        MenderTransport.start(
            MenderTransportConfig.builder(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .admission(DeviceAdmission.identities(java.util.List.of(MAC)))
                .pollTimeout(Duration.ofSeconds(10))
                .installTimeout(Duration.ofSeconds(10))
                .wrapPlainFiles("/opt/patchbay")
                .build());
    orchestrator =
        UpdateOrchestrator.builder()
            .allowUnsigned()
            .catalog(InMemoryCatalog.builder().file("epg-app", "4.1.0").build())
            .interrogator(gateway.interrogator())
            .transferer(gateway.transferer())
            .build();
    device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();
    device.poll(BEFORE);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void aDeviceWhoseNextPollProvidesTheNewVersionIsUpdated() throws Exception {
    CompletableFuture<UpdateReport> update = updateAsync();

    ScriptedDevice.Offer offer = device.awaitOffer(BEFORE);
    device.status(offer.id(), "success");
    device.poll(
        "{\"artifact_name\":\"epg-app-4.1.0\",\"device_type\":\"stb\","
            + "\"rootfs-image.epg-app.version\":\"4.1.0\"}");

    UpdateReport report = update.join();
    assertThat(report.succeeded()).isTrue();
    assertThat(report.files())
        .singleElement()
        .extracting(FileOutcome::status)
        .isEqualTo(FileOutcome.Status.UPDATED);
  }

  @Test
  void aDeviceThatReportsSuccessButStillProvidesTheOldVersionIsNotCountedUpdated()
      throws Exception {
    CompletableFuture<UpdateReport> update = updateAsync();

    ScriptedDevice.Offer offer = device.awaitOffer(BEFORE);
    device.status(offer.id(), "success");
    device.poll(BEFORE);

    FileOutcome outcome = update.join().files().get(0);
    assertThat(outcome.status()).isEqualTo(FileOutcome.Status.FAILED);
    assertThat(outcome.failedStep()).isEqualTo(Step.CONFIRM);
    assertThat(outcome.error()).isInstanceOf(UnconfirmedUpdateException.class);
  }

  private CompletableFuture<UpdateReport> updateAsync() {
    Client client = Client.of(MAC, URI.create("mender://" + MAC));
    return CompletableFuture.supplyAsync(() -> orchestrator.update(client));
  }
}
