package io.patchbay.transport.mender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device-API server's rules, checked request by request with a {@link ScriptedDevice} over
 * loopback: who may authenticate, what it may send, and how a deployment moves from offer to
 * outcome.
 */
class DeviceApiTest {

  private static final String MAC = "02:00:00:00:00:01";

  @TempDir Path home;

  private MenderTransport gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aSignedRequestOfAPreauthorisedDeviceGetsATokenAndOthersDoNot() throws Exception {
    start(DeviceAdmission.identities(List.of(MAC)), Duration.ofSeconds(5));
    ScriptedDevice admitted = new ScriptedDevice(gateway.origin(), MAC);
    ScriptedDevice stranger = new ScriptedDevice(gateway.origin(), "02:00:00:00:00:99");

    assertThat(admitted.authenticate()).isEqualTo(200);
    assertThat(stranger.authenticate()).isEqualTo(401);
  }

  @Test
  void pastTheDeviceLimitNewDevicesAreRefusedAndKnownOnesStillAuthenticate() throws Exception {
    gateway =
        MenderTransport.start(
            MenderTransportConfig.builder(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .admission(DeviceAdmission.acceptAll())
                .maxDevices(1)
                .build());
    ScriptedDevice first = new ScriptedDevice(gateway.origin(), MAC);
    ScriptedDevice second = new ScriptedDevice(gateway.origin(), "02:00:00:00:00:02");

    assertThat(first.authenticate()).isEqualTo(200);
    assertThat(second.authenticate()).isEqualTo(401);
    assertThat(first.authenticate()).isEqualTo(200);
  }

  @Test
  void anAuthRequestNotSignedByThePresentedKeyIsRefused() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(5));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    ScriptedDevice impostor = new ScriptedDevice(gateway.origin(), MAC);

    HttpResponse<String> response =
        device.authenticate(device.authBody(), impostor.sign(device.authBody()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("X-MEN-Signature");
  }

  @Test
  void aDeviceAdmittedByItsKeyIsRecognisedByThatKeyOnly() throws Exception {
    ScriptedDevice owner = new ScriptedDevice(URI.create("http://unused"), MAC);
    start(DeviceAdmission.keys(List.of(owner.publicKey())), Duration.ofSeconds(5));

    ScriptedDevice sameKey = new ScriptedDevice(gateway.origin(), MAC);
    assertThat(sameKey.authenticate(owner.authBody(), owner.sign(owner.authBody())).statusCode())
        .isEqualTo(200);
    assertThat(new ScriptedDevice(gateway.origin(), MAC).authenticate()).isEqualTo(401);
  }

  @Test
  void callsWithoutAValidTokenAreRefusedSoTheClientAuthenticatesAgain() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(5));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);

    assertThat(device.poll("{\"device_type\":\"stb\"}").statusCode()).isEqualTo(401);
  }

  @Test
  void malformedOverLongAndOutOfBoundsBodiesAreRefusedAndNothingIsRecorded() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofMillis(300));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 129; i++) {
      many.append(i == 0 ? "" : ",")
          .append("\"rootfs-image.f")
          .append(i)
          .append(".version\":\"1\"");
    }

    assertThat(device.poll("{\"device_type\":").statusCode()).isEqualTo(400);
    assertThat(device.poll(many.append('}').toString()).statusCode()).isEqualTo(400);
    assertThat(device.poll("{\"x\":\"" + "a".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);
    assertThat(device.poll("{\"device_type\":[\"stb\"]}").statusCode()).isEqualTo(400);
    assertThat(
            device
                .send(
                    "PUT",
                    DeviceApi.INVENTORY,
                    "[{\"name\":\"a\",\"value\":\"1\"},{\"name\":\"a\",\"value\":\"2\"}]")
                .statusCode())
        .isEqualTo(400);
    assertThatThrownBy(() -> interrogate(MAC))
        .isInstanceOfSatisfying(
            DeviceSilentException.class, e -> assertThat(e.deviceId()).isEqualTo(MAC));
  }

  @Test
  void anUnseenDeviceFailsInterrogationAtItsDeadlineNamingIt() {
    start(DeviceAdmission.acceptAll(), Duration.ofMillis(200));

    assertThatThrownBy(() -> interrogate("02:00:00:00:00:42"))
        .isInstanceOf(DeviceSilentException.class)
        .hasMessageContaining("02:00:00:00:00:42")
        .hasMessageContaining("PT0.2S");
  }

  @Test
  void interrogationReportsWhatTheDeviceProvidesAsAManifest() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(5));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();

    assertThat(
            device
                .poll(
                    "{\"artifact_name\":\"release-7\",\"device_type\":\"stb\","
                        + "\"rootfs-image.epg-app.version\":\"4.1.0\","
                        + "\"data-partition.maps.version\":\"2025.1\","
                        + "\"rootfs-image.epg-app.checksum\":\"abc\"}")
                .statusCode())
        .isEqualTo(204);

    assertThat(interrogate(MAC).entries())
        .containsExactly(
            FileEntry.of("epg-app", "4.1.0"), FileEntry.of("data-partition/maps", "2025.1"));
  }

  @Test
  void theV1PollAndInventoryUpdatesAreAcceptedAndAV1PollCountsAsSeen() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofMillis(300));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();

    assertThat(device.send("GET", DeviceApi.NEXT_V1 + "?device_type=stb", "").statusCode())
        .isEqualTo(400);
    assertThat(
            device
                .send(
                    "PATCH",
                    DeviceApi.INVENTORY,
                    "[{\"name\":\"ipv4\",\"value\":[\"10.0.0.7\",\"10.0.0.8\"]}]")
                .statusCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> interrogate(MAC)).isInstanceOf(DeviceSilentException.class);
    assertThat(
            device
                .send("GET", DeviceApi.NEXT_V1 + "?artifact_name=base-1&device_type=stb", "")
                .statusCode())
        .isEqualTo(204);
    assertThat(interrogate(MAC).size()).isZero();
  }

  @Test
  void aProvidedVersionThatIsNotAManifestEntryFailsInterrogationNamingTheDeviceAndKey()
      throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(5));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();
    device.poll("{\"rootfs-image.epg-app.version\":\"4.1.0 beta\"}");

    assertThatThrownBy(() -> interrogate(MAC))
        .isInstanceOfSatisfying(
            InvalidDeviceReportException.class,
            e -> {
              assertThat(e.deviceId()).isEqualTo(MAC);
              assertThat(e.key()).isEqualTo("rootfs-image.epg-app.version");
            });
  }

  @Test
  void aDeploymentIsOfferedDownloadedWholeOrFromAnOffsetAndConfirmedByTheNextPoll()
      throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(10));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();
    device.poll("{\"artifact_name\":\"base-1\",\"device_type\":\"stb\"}");
    byte[] artifact = menderArtifact("epg-app", "4.1.0");
    AtomicLong progress = new AtomicLong();
    CompletableFuture<Void> transfer = transferAsync(artifact, progress);

    ScriptedDevice.Offer offer = device.awaitOffer("{\"device_type\":\"stb\"}");
    HttpResponse<byte[]> whole = ScriptedDevice.download(offer.uri(), null);
    HttpResponse<byte[]> rest = ScriptedDevice.download(offer.uri(), "bytes=100-");
    assertThat(device.status(offer.id(), "downloading").statusCode()).isEqualTo(204);
    assertThat(device.status(offer.id(), "success").statusCode()).isEqualTo(204);
    transfer.join();
    // Its provides predate the install until it polls again.
    CompletableFuture<Manifest> confirmation =
        CompletableFuture.supplyAsync(() -> uncheckedInterrogate(MAC));
    device.poll(
        "{\"artifact_name\":\"epg-app-4.1.0\",\"device_type\":\"stb\","
            + "\"rootfs-image.epg-app.version\":\"4.1.0\"}");

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(artifact);
    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.headers().firstValue("Content-Range"))
        .contains("bytes 100-" + (artifact.length - 1) + "/" + artifact.length);
    assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(artifact, 100, artifact.length));
    assertThat(progress.get()).isEqualTo(artifact.length);
    assertThat(confirmation.join().find("epg-app")).contains(FileEntry.of("epg-app", "4.1.0"));
    assertThat(device.status(offer.id(), "success").statusCode())
        .as("a finished deployment's link and reports are gone")
        .isEqualTo(404);
    assertThat(ScriptedDevice.download(offer.uri(), null).statusCode()).isEqualTo(404);
  }

  @Test
  void aFailureIsReportedWithTheDevicesLog() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(10));
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();
    device.poll("{\"device_type\":\"stb\"}");
    CompletableFuture<Void> transfer =
        transferAsync(menderArtifact("epg-app", "4.1.0"), new AtomicLong());

    ScriptedDevice.Offer offer = device.awaitOffer("{\"device_type\":\"stb\"}");
    device.status(offer.id(), "installing");
    device.status(offer.id(), "failure");
    assertThat(
            device
                .send(
                    "PUT",
                    "/api/devices/v1/deployments/device/deployments/" + offer.id() + "/log",
                    "{\"messages\":[{\"timestamp\":\"2026-12-02T14:00:00Z\",\"level\":\"error\","
                        + "\"message\":\"ArtifactInstall: exit 1\\u001b[31m\"}]}")
                .statusCode())
        .isEqualTo(204);

    assertThatThrownBy(transfer::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            DeploymentFailedException.class,
            e -> {
              assertThat(e.deviceId()).isEqualTo(MAC);
              assertThat(e.artifactName()).isEqualTo("epg-app-4.1.0");
              assertThat(e.log()).singleElement().asString().contains("ArtifactInstall: exit 1");
            })
        // The device's words are quoted: its escape sequence cannot reach a terminal or log.
        .message()
        .contains("\\u001b")
        .doesNotContain("\u001b");
  }

  @Test
  void aDeviceCannotReportOnAnotherDevicesDeploymentNorIsOfferedIt() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(10));
    ScriptedDevice owner = new ScriptedDevice(gateway.origin(), MAC);
    ScriptedDevice other = new ScriptedDevice(gateway.origin(), "02:00:00:00:00:02");
    owner.authenticate();
    other.authenticate();
    owner.poll("{\"device_type\":\"stb\"}");
    CompletableFuture<Void> transfer =
        transferAsync(menderArtifact("epg-app", "4.1.0"), new AtomicLong());

    ScriptedDevice.Offer offer = owner.awaitOffer("{\"device_type\":\"stb\"}");

    assertThat(other.status(offer.id(), "success").statusCode()).isEqualTo(404);
    assertThat(other.poll("{\"device_type\":\"stb\"}").statusCode()).isEqualTo(204);
    assertThat(transfer).isNotDone();
    assertThat(owner.status(offer.id(), "success").statusCode()).isEqualTo(204);
    transfer.join();
  }

  @Test
  void aDeviceThatDoesNotFinishInTimeFailsTheTransferAndItsLateReportsAreRefused()
      throws Exception {
    gateway =
        MenderTransport.start(
            MenderTransportConfig.builder(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .admission(DeviceAdmission.acceptAll())
                .pollTimeout(Duration.ofSeconds(10))
                .installTimeout(Duration.ofMillis(300))
                .build());
    ScriptedDevice device = new ScriptedDevice(gateway.origin(), MAC);
    device.authenticate();
    device.poll("{\"device_type\":\"stb\"}");
    CompletableFuture<Void> transfer =
        transferAsync(menderArtifact("epg-app", "4.1.0"), new AtomicLong());

    ScriptedDevice.Offer offer = device.awaitOffer("{\"device_type\":\"stb\"}");
    device.status(offer.id(), "installing");

    assertThatThrownBy(transfer::join)
        .cause()
        .isInstanceOfSatisfying(
            DeviceSilentException.class,
            e -> {
              assertThat(e.deviceId()).isEqualTo(MAC);
              assertThat(e.awaited()).contains("report the outcome").contains("installing");
            });
    // As a Mender server answers for an aborted deployment: the client stops it.
    assertThat(device.status(offer.id(), "success").statusCode()).isEqualTo(409);
    assertThat(ScriptedDevice.download(offer.uri(), null).statusCode()).isEqualTo(404);
  }

  @Test
  void anArtifactThatDoesNotProvideTheEntrysVersionIsNotOffered() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(10));
    byte[] artifact = menderArtifact("epg-app", "4.0.0");
    CatalogEntry entry =
        CatalogEntry.of(
            "epg-app",
            "4.1.0",
            InMemoryCatalog.sha256(artifact),
            artifact.length,
            URI.create("a.mender"));

    assertThatThrownBy(
            () ->
                gateway
                    .transferer()
                    .transfer(client(MAC), new BytesArtifact(entry, artifact), n -> {}))
        .isInstanceOf(InvalidMenderArtifactException.class)
        .hasMessageContaining("never be confirmed");
  }

  @Test
  void bytesThatAreNotAMenderArtifactAreNotOffered() throws Exception {
    start(DeviceAdmission.acceptAll(), Duration.ofSeconds(10));
    byte[] junk = "not a tar at all".repeat(100).getBytes(StandardCharsets.UTF_8);
    CatalogEntry entry =
        CatalogEntry.of(
            "epg-app", "4.1.0", InMemoryCatalog.sha256(junk), junk.length, URI.create("a.mender"));

    assertThatThrownBy(
            () ->
                gateway.transferer().transfer(client(MAC), new BytesArtifact(entry, junk), n -> {}))
        .isInstanceOf(InvalidMenderArtifactException.class);
  }

  private CompletableFuture<Void> transferAsync(byte[] artifact, AtomicLong progress) {
    CatalogEntry entry =
        CatalogEntry.of(
            "epg-app",
            "4.1.0",
            InMemoryCatalog.sha256(artifact),
            artifact.length,
            URI.create("a.mender"));
    return CompletableFuture.runAsync(
        () -> {
          try {
            gateway
                .transferer()
                .transfer(client(MAC), new BytesArtifact(entry, artifact), progress::set);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private byte[] menderArtifact(String name, String version) throws Exception {
    byte[] payload = (name + " " + version + "\n").repeat(100).getBytes(StandardCharsets.UTF_8);
    Path file = home.resolve(name + "-" + version + ".mender");
    ArtifactWriter.write(
        new ByteArrayInputStream(payload),
        payload.length,
        new ArtifactWriter.Spec(
            name + "-" + version,
            "stb",
            "/opt",
            name,
            "rootfs-image." + name + ".version",
            version),
        null,
        home,
        file);
    return Files.readAllBytes(file);
  }

  private void start(DeviceAdmission admission, Duration pollTimeout) {
    try {
      gateway =
          MenderTransport.start(
              MenderTransportConfig.builder(
                      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                  .admission(admission)
                  .pollTimeout(pollTimeout)
                  .installTimeout(Duration.ofSeconds(10))
                  .logWait(Duration.ofSeconds(5))
                  .build());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Manifest interrogate(String mac) throws java.io.IOException {
    return gateway.interrogator().interrogate(client(mac));
  }

  private Manifest uncheckedInterrogate(String mac) {
    try {
      return interrogate(mac);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Client client(String mac) {
    return Client.of(mac, URI.create("mender://" + mac));
  }
}
