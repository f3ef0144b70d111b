package io.patchbay.transport.tftp;

import static io.patchbay.testkit.SignedRelease.OPERATOR;
import static io.patchbay.testkit.SignedRelease.REPOSITORY;
import static io.patchbay.testkit.SignedRelease.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedRoot;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.testkit.ProcessPeer;
import io.patchbay.testkit.SignedRelease;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.transport.tftp.DeviceProtocol.CommitResult;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustException.Refusal;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF/Uptane attack list against a verifying reference device over TFTP, on loopback: each
 * attack ends in a commit result {@code untrusted} naming the broken rule, and the device's files,
 * manifest and trust state stay exactly as they were.
 */
class DeviceTrustOverTftpTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path home;

  private final TftpTransport transport = new TftpTransport();

  @Test
  void aLanAttackerStagingAndCommittingWithCommonsNetIsRefusedAsUnsigned() throws Exception {
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      transfer(device, SignedRelease.serial(1).file("bin/player", "1.0.0").build(), "bin/player");
      Snapshot before = Snapshot.of(device);
      byte[] evil = "rm -rf /".repeat(1000).getBytes(StandardCharsets.UTF_8);
      String transfer = DeviceProtocol.newTransferId();
      TFTPClient attacker = new TFTPClient();
      attacker.setDefaultTimeout(Duration.ofSeconds(2));
      attacker.open();
      byte[] result;
      try {
        put(attacker, device.address(), DeviceProtocol.staging(transfer), evil);
        put(attacker, device.address(), DeviceProtocol.commit(transfer), record(transfer, evil));
        result = get(attacker, device.address(), DeviceProtocol.result(transfer));
      } finally {
        attacker.close();
      }

      assertUntrusted(result, Refusal.UNSIGNED);
      assertThat(Snapshot.of(device)).isEqualTo(before);
    }
  }

  @Test
  @Tag("interop")
  void aLanAttackerStagingAndCommittingWithTftpHpaIsRefusedAsUnsigned() throws Exception {
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      transfer(device, SignedRelease.serial(1).file("bin/player", "1.0.0").build(), "bin/player");
      Snapshot before = Snapshot.of(device);
      byte[] evil = "rm -rf /".repeat(1000).getBytes(StandardCharsets.UTF_8);
      String transfer = DeviceProtocol.newTransferId();
      Path payload = Files.write(home.resolve("evil.bin"), evil);
      Path commit = Files.write(home.resolve("commit.json"), record(transfer, evil));
      Path result = home.resolve("result.json");

      tftpHpa(device, "put", payload.toString(), DeviceProtocol.staging(transfer));
      tftpHpa(device, "put", commit.toString(), DeviceProtocol.commit(transfer));
      tftpHpa(device, "get", DeviceProtocol.result(transfer), result.toString());

      assertUntrusted(Files.readAllBytes(result), Refusal.UNSIGNED);
      assertThat(Snapshot.of(device)).isEqualTo(before);
    }
  }

  @Test
  void anOlderSerialAfterANewerOneIsARollbackAlsoAfterARestart() throws Exception {
    Path directory = home.resolve("stb");
    SignedRelease older = SignedRelease.serial(4).file("bin/player", "1.0.0").build();
    try (TftpDeviceAgent device = verifyingDevice(directory)) {
      transfer(device, SignedRelease.serial(5).file("bin/player", "2.0.0").build(), "bin/player");

      assertRefused(device, older.artifact("bin/player"), Refusal.ROLLBACK);
    }
    try (TftpDeviceAgent restarted = verifyingDevice(directory)) {
      assertRefused(restarted, older.artifact("bin/player"), Refusal.ROLLBACK);
      assertThat(restarted.manifest().find("bin/player").orElseThrow().version())
          .isEqualTo("2.0.0");
    }
  }

  @Test
  void aReplayedProofAfterANewerSerialIsARollback() throws Exception {
    SignedRelease first = SignedRelease.serial(4).file("bin/player", "1.0.0").build();
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      transfer(device, first, "bin/player");
      transfer(device, SignedRelease.serial(5).file("bin/player", "2.0.0").build(), "bin/player");

      // The very transfer the device accepted before, bytes and proof, recorded and sent again.
      assertRefused(device, first.artifact("bin/player"), Refusal.ROLLBACK);
    }
  }

  @Test
  void anExpiredStatementIsRefusedAsAFreeze() throws Exception {
    SignedRelease frozen =
        SignedRelease.serial(3)
            .expires(Instant.now().minus(Duration.ofHours(1)))
            .file("bin/player", "2.0.0")
            .build();
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      transfer(
          device, SignedRelease.serial(2).file("etc/tuner.conf", "1").build(), "etc/tuner.conf");

      assertRefused(device, frozen.artifact("bin/player"), Refusal.EXPIRED);
    }
  }

  @Test
  void aProofOfAnotherFileOrFromAnotherCatalogIsNotSigned() throws Exception {
    SignedRelease release =
        SignedRelease.serial(7).file("bin/player", "2.0.0").file("bin/shell", "1.0.0").build();
    SignedRelease elsewhere = SignedRelease.serial(8).file("bin/player", "6.6.6").build();
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      transfer(device, release, "bin/shell");

      assertRefused(
          device, release.artifact("bin/player", release.proof("bin/shell")), Refusal.NOT_SIGNED);
      assertRefused(
          device,
          elsewhere.artifact("bin/player", release.proof("bin/player")),
          Refusal.NOT_SIGNED);
    }
  }

  @Test
  void aProofSignedForAnotherRepositoryIsRefused() throws Exception {
    SignedRelease staging =
        SignedRelease.serial(9).repository("acme-staging").file("bin/player", "2.0.0").build();
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      assertRefused(device, staging.artifact("bin/player"), Refusal.WRONG_REPOSITORY);
      assertThat(device.manifest().entries()).isEmpty();
    }
  }

  @Test
  void aKeyRevokedByRootRotationIsUnknownAlsoAfterARestart() throws Exception {
    Path directory = home.resolve("stb");
    SignedRoot first = SignedRelease.root(1, List.of(OPERATOR), OPERATOR);
    SignedRoot second = SignedRelease.root(2, List.of(SECOND), OPERATOR, SECOND);
    // The operator's key was stolen: root version 2 trusts only the second key.
    SignedRelease forged =
        SignedRelease.serial(11).signedBy(OPERATOR).file("bin/player", "6.6.6").build();
    try (TftpDeviceAgent device = verifyingDevice(directory)) {
      transfer(
          device,
          SignedRelease.serial(10)
              .signedBy(SECOND)
              .roots(first, second)
              .file("bin/player", "2.0.0")
              .build(),
          "bin/player");

      assertRefused(device, forged.artifact("bin/player"), Refusal.UNKNOWN_KEYS);
    }
    try (TftpDeviceAgent restarted = verifyingDevice(directory)) {
      assertRefused(restarted, forged.artifact("bin/player"), Refusal.UNKNOWN_KEYS);
    }
  }

  @Test
  void aGatewayGuardedByACatalogVerifierUpdatesAVerifyingDeviceEndToEnd() throws Exception {
    InMemoryCatalog headEnd =
        InMemoryCatalog.builder()
            .repository(REPOSITORY)
            .serial(12)
            .expires(Instant.now().plus(Duration.ofDays(1)))
            .signedWith(OPERATOR)
            .file(
                "bin/player",
                "2.0.0",
                "player 2.0.0\n".repeat(3000).getBytes(StandardCharsets.UTF_8))
            .file("fw/tuner.bin", "5.0.0")
            .build();
    CatalogVerifier verifier =
        CatalogVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
            .build();
    try (TftpDeviceAgent device = verifyingDevice(home.resolve("stb"))) {
      device.install("bin/player", "1.0.0", new ByteArrayInputStream(new byte[] {1}));
      UpdateOrchestrator gateway =
          UpdateOrchestrator.builder()
              .catalog(verifier.guard(java.net.URI.create("memory:catalog.json"), headEnd))
              .transports(Transports.of(transport))
              .build();

      FleetReport report = gateway.updateAll(List.of(Client.of("stb", device.endpoint())));

      assertThat(report.succeeded()).as("%s", report).isTrue();
      for (String name : List.of("bin/player", "fw/tuner.bin")) {
        assertThat(Files.readAllBytes(device.pathOf(name))).isEqualTo(headEnd.content(name));
        FileEntry expected = headEnd.entry(name).toFileEntry();
        assertThat(device.manifest().find(name)).contains(expected);
      }
    }
  }

  /** A device that trusts the operator's key for {@link SignedRelease#REPOSITORY}. */
  private static TftpDeviceAgent verifyingDevice(Path directory) throws IOException {
    ProofVerifier verifier =
        ProofVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
            .serials(SerialStore.directory(directory.resolve(".patchbay/trust")))
            .build();
    return TftpDeviceAgent.start(directory, 0, DeviceTrust.verifiedBy(verifier));
  }

  private void transfer(TftpDeviceAgent device, SignedRelease release, String name)
      throws IOException {
    transfer(device, release.artifact(name));
    assertThat(Files.readAllBytes(device.pathOf(name))).isEqualTo(release.content(name));
  }

  private void transfer(TftpDeviceAgent device, Artifact artifact) throws IOException {
    transport.transferer().transfer(Client.of("stb", device.endpoint()), artifact, bytes -> {});
  }

  /** The gateway's transfer is refused for {@code refusal}, and nothing on the device changed. */
  private void assertRefused(TftpDeviceAgent device, Artifact artifact, Refusal refusal)
      throws IOException {
    Snapshot before = Snapshot.of(device);

    assertThatThrownBy(() -> transfer(device, artifact))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED);
              assertThat(e.detail()).startsWith("untrusted (" + refusal + "): ");
              assertThat(e.getMessage()).contains(refusal.name());
            });
    assertThat(Snapshot.of(device)).isEqualTo(before);
  }

  private static void assertUntrusted(byte[] json, Refusal refusal) {
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"status\":\"rejected\"", "\"reason\":\"untrusted\"");
    CommitResult result = CommitResult.parse(json);
    assertThat(result.isInstalled()).isFalse();
    assertThat(result.refusal()).isEqualTo(refusal.name());
  }

  /**
   * A commit record as docs/protocol-tftp.md spells it, written by hand as an attacker would, for
   * {@code content} under the name of the device's player: true size and digest, no proof.
   */
  private static byte[] record(String transfer, byte[] content) {
    String sha256 = Sha256.of(VerifyingCopy.newSha256().digest(content)).hex();
    return ("{\"protocol\":\"patchbay-tftp/1\",\"transfer\":\""
            + transfer
            + "\",\"name\":\"bin/player\",\"version\":\"999.0.0\",\"size\":"
            + content.length
            + ",\"sha256\":\""
            + sha256
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void put(TFTPClient client, InetSocketAddress device, String name, byte[] content)
      throws IOException {
    client.sendFile(
        name,
        TFTP.BINARY_MODE,
        new ByteArrayInputStream(content),
        device.getAddress(),
        device.getPort());
  }

  private static byte[] get(TFTPClient client, InetSocketAddress device, String name)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.receiveFile(name, TFTP.BINARY_MODE, out, device.getAddress(), device.getPort());
    return out.toByteArray();
  }

  /** Runs tftp-hpa's client against the device; its exit code says little, the files tell. */
  private void tftpHpa(TftpDeviceAgent device, String command, String from, String to)
      throws Exception {
    ProcessPeer.run(
        PATIENCE,
        home,
        List.of(
            Peers.tftp().toString(),
            "-m",
            "binary",
            "127.0.0.1",
            Integer.toString(device.port()),
            "-c",
            command,
            from,
            to));
  }

  /**
   * Everything the device keeps: every file's digest (installed, manifest, trust state, staged),
   * but for the commit results it publishes, whose job is to say that it refused.
   */
  private record Snapshot(Manifest manifest, Map<String, Sha256> files) {

    static Snapshot of(TftpDeviceAgent device) throws IOException {
      Path root = device.pathOf("x").getParent();
      Map<String, Sha256> files = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          String name = root.relativize(file).toString();
          if (!name.startsWith(".patchbay/tftp-results/")) {
            files.put(name, TestFiles.sha256(file));
          }
        }
      }
      return new Snapshot(device.manifest(), files);
    }
  }
}
