package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Sha256;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit protocol of docs/protocol-tftp.md: a transfer is done only when the device confirms
 * it.
 */
class TftpTransferTest {

  private static final byte[] FIRMWARE =
      "firmware 3.0".repeat(4_000).getBytes(StandardCharsets.UTF_8);

  @TempDir Path home;

  private final TftpTransport transport = new TftpTransport();

  @Test
  void confirmedTransferInstallsTheFileAndReportsProgressUpToItsSize() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.start(home.resolve("stb"), 0, DeviceTrust.insecure())) {
      AtomicLong progress = new AtomicLong();

      transport
          .transferer()
          .transfer(
              client(device), artifact("fw/main.bin", FIRMWARE, sha256(FIRMWARE)), progress::set);

      assertThat(Files.readAllBytes(device.pathOf("fw/main.bin"))).isEqualTo(FIRMWARE);
      assertThat(device.manifest().find("fw/main.bin"))
          .hasValueSatisfying(entry -> assertThat(entry.version()).isEqualTo("3.0"));
      assertThat(progress).hasValue(FIRMWARE.length);
      assertThat(stagingLeftovers(device)).isEmpty();
    }
  }

  @Test
  void digestMismatchIsRejectedAndNothingIsInstalled() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.start(home.resolve("stb"), 0, DeviceTrust.insecure())) {
      Sha256 other = sha256("another file".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(
              () ->
                  transport
                      .transferer()
                      .transfer(
                          client(device), artifact("fw/main.bin", FIRMWARE, other), bytes -> {}))
          .isInstanceOfSatisfying(
              TransferRejectedException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
                assertThat(e.clientId()).isEqualTo("stb");
                assertThat(e.detail()).contains(other.hex());
              });
      assertThat(device.pathOf("fw/main.bin")).doesNotExist();
      assertThat(device.manifest().entries()).isEmpty();
      assertThat(stagingLeftovers(device)).isEmpty();
    }
  }

  @Test
  void deviceRefusesAFileOverItsLimitBeforeItArrives() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure())
            .maxFileSize(1000)
            .start()) {
      assertThatThrownBy(
              () ->
                  transport
                      .transferer()
                      .transfer(
                          client(device),
                          artifact("fw/main.bin", FIRMWARE, sha256(FIRMWARE)),
                          bytes -> {}))
          .isInstanceOfSatisfying(
              TransferRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.NO_SPACE));
      assertThat(device.pathOf("fw/main.bin")).doesNotExist();
      assertThat(stagingLeftovers(device)).isEmpty();
    }
  }

  @Test
  void deviceWithItsStagingAreaFullAnswersBusy() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.builder(home.resolve("stb"), DeviceTrust.insecure()).maxStaged(1).start()) {
      // Another gateway staged a file and has not committed it yet.
      TftpClient.defaults()
          .write(
              device.address(),
              ".patchbay/staging/0b7f3c52-5d0e-4f7e-9a55-4e2b7c1d9f00",
              TftpMode.OCTET,
              new ByteArrayInputStream(FIRMWARE),
              FIRMWARE.length,
              bytes -> {});

      assertThatThrownBy(
              () ->
                  transport
                      .transferer()
                      .transfer(
                          client(device),
                          artifact("fw/main.bin", FIRMWARE, sha256(FIRMWARE)),
                          bytes -> {}))
          .isInstanceOfSatisfying(
              TransferRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BUSY));
      assertThat(device.pathOf("fw/main.bin")).doesNotExist();
    }
  }

  @Test
  void deviceRefusesToInstallOverItsOwnState() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.start(home.resolve("stb"), 0, DeviceTrust.insecure())) {
      byte[] forged = "{}".getBytes(StandardCharsets.UTF_8);

      for (String name :
          List.of(
              ".patchbay/manifest.json",
              TftpTransportConfig.DEFAULT_MANIFEST_NAME,
              TftpTransportConfig.DEFAULT_MANIFEST_NAME.toUpperCase(Locale.ROOT))) {
        assertThatThrownBy(
                () ->
                    transport
                        .transferer()
                        .transfer(client(device), artifact(name, forged, sha256(forged)), b -> {}))
            .as(name)
            .isInstanceOfSatisfying(
                TransferRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
      }
      assertThat(device.manifest().entries()).isEmpty();
    }
  }

  @Test
  void deviceThatNeverConfirmsLeavesTheTransferUnconfirmed() throws Exception {
    // A plain TFTP server accepts the file and the commit record but never writes a result.
    Path plain = Files.createDirectories(home.resolve("plain/.patchbay"));
    Files.createDirectories(plain.resolve("staging"));
    Files.createDirectories(plain.resolve("commit"));
    try (TftpServer device =
        TftpServer.builder(plain.getParent()).writableDirectory(".patchbay").start()) {
      Duration confirmTimeout = Duration.ofMillis(400);
      TftpTransport impatient =
          new TftpTransport(
              TftpTransportConfig.builder()
                  .confirmTimeout(confirmTimeout)
                  .confirmPollInterval(Duration.ofMillis(50))
                  .build());

      assertThatThrownBy(
              () ->
                  impatient
                      .transferer()
                      .transfer(
                          Client.of("dumb", device.uri()),
                          artifact("fw/main.bin", FIRMWARE, sha256(FIRMWARE)),
                          bytes -> {}))
          .isInstanceOfSatisfying(
              TransferUnconfirmedException.class,
              e -> {
                assertThat(e.clientId()).isEqualTo("dumb");
                assertThat(e.waited()).isGreaterThanOrEqualTo(confirmTimeout);
              });
      try (Stream<Path> staged = Files.list(plain.resolve("staging"))) {
        assertThat(staged)
            .singleElement()
            .satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(FIRMWARE));
      }
    }
  }

  @Test
  void deviceThatConfirmsLaterIsPolledUntilItsResultAppears() throws Exception {
    // A stock TFTP daemon plus a script, as on a set-top box: the script finds the commit record,
    // checks the staged file and writes the result some time later.
    Path root = home.resolve("box");
    for (String directory : List.of("staging", "commit", "result")) {
      Files.createDirectories(root.resolve(".patchbay").resolve(directory));
    }
    // The script answers only once the gateway has asked for the result and found none.
    CountDownLatch polled = new CountDownLatch(1);
    DirectoryFiles files =
        new DirectoryFiles(root, name -> name.startsWith(".patchbay/"), Long.MAX_VALUE);
    ServedFiles watched =
        new ServedFiles() {
          @Override
          public Download openRead(String name) throws IOException {
            if (name.startsWith(".patchbay/result/")) {
              polled.countDown();
            }
            return files.openRead(name);
          }

          @Override
          public Upload openWrite(String name, long announcedSize, InetAddress client)
              throws IOException {
            return files.openWrite(name, announcedSize, client);
          }
        };
    try (TftpServer device = TftpServer.builder(watched).start()) {
      CompletableFuture<Void> script =
          CompletableFuture.runAsync(() -> uncheck(() -> confirmLater(root, polled)));
      TftpTransport patient =
          new TftpTransport(
              TftpTransportConfig.builder()
                  .confirmTimeout(Duration.ofSeconds(20))
                  .confirmPollInterval(Duration.ofMillis(50))
                  .build());

      patient
          .transferer()
          .transfer(
              Client.of("box", device.uri()),
              artifact("fw/main.bin", FIRMWARE, sha256(FIRMWARE)),
              bytes -> {});

      script.get(5, TimeUnit.SECONDS);
      assertThat(Files.readAllBytes(root.resolve("fw.installed"))).isEqualTo(FIRMWARE);
    }
  }

  /**
   * The device-side script: waits for one commit record, verifies the staged file, installs it, and
   * writes the result once the gateway has polled for it in vain.
   */
  private static void confirmLater(Path root, CountDownLatch polled) throws Exception {
    Path commits = root.resolve(".patchbay/commit");
    Path record =
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> firstFile(commits), found -> found != null);
    String json = Files.readString(record);
    Matcher transfer = Pattern.compile("\"transfer\":\"([^\"]+)\"").matcher(json);
    Matcher digest = Pattern.compile("\"sha256\":\"([0-9a-f]+)\"").matcher(json);
    assertThat(transfer.find() && digest.find()).as(json).isTrue();
    Path staged = root.resolve(".patchbay/staging").resolve(transfer.group(1));
    assertThat(TestFiles.sha256(staged).hex()).isEqualTo(digest.group(1));
    Files.move(staged, root.resolve("fw.installed"));
    assertThat(polled.await(15, TimeUnit.SECONDS)).as("the gateway polls for the result").isTrue();
    Files.writeString(
        root.resolve(".patchbay/result").resolve(transfer.group(1) + ".json"),
        "{\"transfer\":\"" + transfer.group(1) + "\",\"status\":\"installed\"}");
  }

  private static Path firstFile(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".json")).findFirst().orElse(null);
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void uncheck(Action action) {
    try {
      action.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRepeatedCommitRecordLeavesTheFirstResultInPlace() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.start(home.resolve("stb"), 0, DeviceTrust.insecure())) {
      String transfer = "5e1f0c2a-0000-4000-8000-000000000001";
      byte[] record =
          ("{\"protocol\":\"patchbay-tftp/1\",\"transfer\":\""
                  + transfer
                  + "\",\"name\":\"fw/main.bin\","
                  + "\"version\":\"3.0\",\"size\":"
                  + FIRMWARE.length
                  + ",\"sha256\":\""
                  + sha256(FIRMWARE).hex()
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      TftpClient client = TftpClient.defaults();
      client.write(
          device.address(),
          ".patchbay/staging/" + transfer,
          TftpMode.OCTET,
          new ByteArrayInputStream(FIRMWARE),
          FIRMWARE.length,
          bytes -> {});

      for (int attempt = 0; attempt < 2; attempt++) {
        client.write(
            device.address(),
            ".patchbay/commit/" + transfer + ".json",
            TftpMode.OCTET,
            new ByteArrayInputStream(record),
            record.length,
            bytes -> {});
      }
      ByteArrayOutputStream result = new ByteArrayOutputStream();
      client.read(
          device.address(), ".patchbay/result/" + transfer + ".json", TftpMode.OCTET, result);

      assertThat(result.toString(StandardCharsets.UTF_8)).contains("\"status\":\"installed\"");
      assertThat(Files.readAllBytes(device.pathOf("fw/main.bin"))).isEqualTo(FIRMWARE);
    }
  }

  @Test
  void plainFilesCannotBeWrittenToTheDevice() throws Exception {
    try (TftpDeviceAgent device =
        TftpDeviceAgent.start(home.resolve("stb"), 0, DeviceTrust.insecure())) {
      TftpClient client = TftpClient.defaults();

      assertThatThrownBy(
              () ->
                  client.write(
                      device.address(),
                      "fw/main.bin",
                      TftpMode.OCTET,
                      new ByteArrayInputStream(FIRMWARE),
                      FIRMWARE.length,
                      bytes -> {}))
          .isInstanceOfSatisfying(
              TftpErrorException.class,
              e -> assertThat(e.errorCode()).contains(TftpErrorCode.ACCESS_VIOLATION));
      assertThat(device.pathOf("fw/main.bin")).doesNotExist();
    }
  }

  private static Client client(TftpDeviceAgent device) {
    return Client.of("stb", device.endpoint());
  }

  private static Sha256 sha256(byte[] bytes) {
    return InMemoryCatalog.sha256(bytes);
  }

  /** What the agent holds of files staged and not installed. */
  private static Stream<Path> stagingLeftovers(TftpDeviceAgent device) throws IOException {
    try (Stream<Path> files = Files.list(device.pathOf(".patchbay/incoming"))) {
      return files.toList().stream();
    }
  }

  /**
   * An artifact whose catalog entry claims {@code sha256} for {@code bytes}, whether or not it is
   * theirs.
   */
  static Artifact artifact(String name, byte[] bytes, Sha256 sha256) {
    return new BytesArtifact(
        CatalogEntry.of(name, "3.0", sha256, bytes.length, URI.create("a.bin")), bytes);
  }
}
