package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.Client;
import io.patchbay.model.EntryProof;
import io.patchbay.model.FileEntry;
import io.patchbay.model.SignedRoot;
import io.patchbay.report.FleetReport;
import io.patchbay.spi.Transports;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.trust.CatalogSigner;
import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.RootDocument;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustException.Refusal;
import io.patchbay.trust.TrustPolicy;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF/Uptane attack list against a verifying {@link HttpDeviceAgent}, over loopback: each
 * attack is refused with its typed problem, and the device's files and manifest stay exactly as
 * they were; what the head end signed is installed.
 */
class DeviceTrustOverHttpTest {

  private static final String REPOSITORY = "lab";
  private static final KeyPair OPERATOR = Ed25519Keys.generate();
  private static final byte[] OLD = "player 1.0.0".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVIL = "evil player".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;
  @TempDir Path state;
  private HttpDeviceAgent agent;
  private Client client;
  private final HttpTransport transport = new HttpTransport();

  @BeforeEach
  void startVerifyingDevice() throws IOException {
    agent = verifyingAgent();
    agent.install("bin/player", "1.0.0", new ByteArrayInputStream(OLD));
  }

  @AfterEach
  void stopAgent() {
    agent.close();
  }

  private HttpDeviceAgent verifyingAgent() throws IOException {
    HttpDeviceAgent started =
        HttpDeviceAgent.builder(
                directory,
                DeviceTrust.verifiedBy(
                    ProofVerifier.builder(
                            TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
                        .serials(SerialStore.directory(state))
                        .build()))
            .start();
    client = Client.of("stb-1", started.endpoint());
    return started;
  }

  /** The device's files and manifest, byte for byte, to compare before and after an attack. */
  private Map<String, byte[]> snapshot() throws IOException {
    try (var incoming = Files.list(directory.resolve(".patchbay/incoming"))) {
      assertThat(incoming).as("files left in transit").isEmpty();
    }
    return Map.of(
        "player", Files.readAllBytes(agent.pathOf("bin/player")),
        "manifest", Files.readAllBytes(directory.resolve(".patchbay/manifest.json")));
  }

  private void assertUnchanged(Map<String, byte[]> before) throws IOException {
    Map<String, byte[]> after = snapshot();
    assertThat(after.get("player")).isEqualTo(before.get("player"));
    assertThat(after.get("manifest")).isEqualTo(before.get("manifest"));
  }

  private void send(Artifact artifact) throws IOException {
    transport.transferer().transfer(client, artifact, bytes -> {});
  }

  /** Sends {@code artifact} and asserts the device refused it for {@code refusal}. */
  private void assertRefused(Artifact artifact, Refusal refusal) {
    assertThatThrownBy(() -> send(artifact))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED);
              assertThat(e.detail()).startsWith(refusal.name() + ": ");
              assertThat(e).hasMessageContaining("stb-1", "bin/player", refusal.name());
            });
  }

  private static SignedRelease player(long serial, String version, byte[] content) {
    return SignedRelease.of(REPOSITORY, serial)
        .file("bin/player", version, content)
        .file("bin/guide", "1.0.0", "guide".getBytes(StandardCharsets.UTF_8))
        .signedBy(OPERATOR);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A raw PUT as anyone on the LAN can send it, with its own digest and any proof header. */
  private HttpResponse<String> rawPut(byte[] content, Optional<String> proofHeader)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(DevicePaths.file(agent.endpoint(), "bin/player"))
            .version(HttpClient.Version.HTTP_1_1)
            .header(DevicePaths.VERSION_HEADER, "999.0.0")
            .header(
                DevicePaths.DIGEST_HEADER,
                "sha-256=:" + InMemoryCatalog.sha256(content).base64() + ":")
            .PUT(BodyPublishers.ofByteArray(content));
    proofHeader.ifPresent(value -> request.header(DevicePaths.PROOF_HEADER, value));
    return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
  }

  @Test
  void aPushWithItsOwnDigestButNoProofIsRefusedAsUnsigned() throws Exception {
    Map<String, byte[]> before = snapshot();

    HttpResponse<String> answer = rawPut(EVIL, Optional.empty());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
    Problem problem = Problem.parse(answer.body().getBytes(StandardCharsets.UTF_8), 403);
    assertThat(problem.type()).isEqualTo("https://patchbay.io/problems/untrusted-file");
    assertThat(problem.refusal()).isEqualTo("UNSIGNED");
    assertUnchanged(before);
  }

  @Test
  @Tag("interop")
  void aCurlPushWithItsOwnDigestIsRefusedAsUnsigned() throws Exception {
    Map<String, byte[]> before = snapshot();
    Path evil = Files.write(directory.resolveSibling(directory.getFileName() + "-evil.bin"), EVIL);
    Path body = directory.resolveSibling(directory.getFileName() + "-answer.json");
    Process curl =
        new ProcessBuilder(
                "curl",
                "-sS",
                "-X",
                "PUT",
                "--data-binary",
                "@" + evil,
                "-H",
                "Repr-Digest: sha-256=:" + InMemoryCatalog.sha256(EVIL).base64() + ":",
                "-H",
                "Patchbay-Version: 999.0.0",
                "-o",
                body.toString(),
                "-w",
                "%{http_code}",
                DevicePaths.file(agent.endpoint(), "bin/player").toString())
            .redirectErrorStream(true)
            .start();
    String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(status).isEqualTo("403");
    assertThat(Files.readString(body))
        .contains("\"type\":\"https://patchbay.io/problems/untrusted-file\"")
        .contains("\"refusal\":\"UNSIGNED\"");
    assertUnchanged(before);
  }

  @Test
  void aTransferWithoutProofIsRejectedAsUntrustedByTheGateway() throws Exception {
    Map<String, byte[]> before = snapshot();

    assertRefused(
        SignedRelease.artifact("bin/player", "2.0.0", bytes("player 2.0.0"), Optional.empty()),
        Refusal.UNSIGNED);

    assertUnchanged(before);
  }

  @Test
  void whatTheHeadEndSignedIsInstalledAndReportedWithItsDigest() throws Exception {
    byte[] content = bytes("player 2.0.0");

    send(player(1, "2.0.0", content).artifact("bin/player"));

    assertThat(Files.readAllBytes(agent.pathOf("bin/player"))).isEqualTo(content);
    assertThat(agent.manifest().find("bin/player"))
        .hasValueSatisfying(
            entry -> assertThat(entry.matches("2.0.0", InMemoryCatalog.sha256(content))).isTrue());
    assertThat(state.resolve(REPOSITORY + ".accepted.json")).exists();
  }

  @Test
  void anOlderSerialThanOneAcceptedIsARollbackAlsoAfterARestart() throws Exception {
    send(player(5, "2.0.0", bytes("player 2.0.0")).artifact("bin/player"));
    Map<String, byte[]> before = snapshot();
    Artifact older = player(4, "3.0.0", bytes("player 3.0.0")).artifact("bin/player");

    assertRefused(older, Refusal.ROLLBACK);
    assertUnchanged(before);

    agent.close();
    agent = verifyingAgent();
    assertRefused(older, Refusal.ROLLBACK);
    assertUnchanged(before);
  }

  @Test
  void aCapturedProofReplayedWithItsBytesOnceANewerSerialWasAcceptedIsARollback() throws Exception {
    Artifact captured = player(1, "2.0.0", bytes("player 2.0.0")).artifact("bin/player");
    send(captured);
    send(player(2, "3.0.0", bytes("player 3.0.0")).artifact("bin/player"));
    Map<String, byte[]> before = snapshot();

    assertRefused(captured, Refusal.ROLLBACK);

    assertUnchanged(before);
    assertThat(agent.manifest().find("bin/player")).map(FileEntry::version).contains("3.0.0");
  }

  @Test
  void anExpiredStatementIsAFreezeAndRefused() throws Exception {
    Map<String, byte[]> before = snapshot();
    SignedRelease frozen =
        SignedRelease.of(REPOSITORY, 1)
            .file("bin/player", "2.0.0", bytes("player 2.0.0"))
            .expires(Instant.now().minusSeconds(3600))
            .signedBy(OPERATOR);

    assertRefused(frozen.artifact("bin/player"), Refusal.EXPIRED);

    assertUnchanged(before);
  }

  @Test
  void aValidProofForAnotherFileWithTheseBytesIsNotSigned() throws Exception {
    Map<String, byte[]> before = snapshot();
    SignedRelease release = player(1, "2.0.0", bytes("player 2.0.0"));

    assertRefused(
        SignedRelease.artifact(
            "bin/player", "2.0.0", EVIL, Optional.of(release.proof("bin/guide"))),
        Refusal.NOT_SIGNED);

    assertUnchanged(before);
  }

  @Test
  void aValidProofFromAnotherCatalogWithTheseBytesIsNotSigned() throws Exception {
    Map<String, byte[]> before = snapshot();
    EntryProof other =
        player(1, "2.0.0", bytes("player 2.0.0 of the other catalog")).proof("bin/player");

    assertRefused(
        SignedRelease.artifact("bin/player", "2.0.0", bytes("player 2.0.0"), Optional.of(other)),
        Refusal.NOT_SIGNED);

    assertUnchanged(before);
  }

  @Test
  void aProofSignedForAnotherRepositoryIsRefused() throws Exception {
    Map<String, byte[]> before = snapshot();
    SignedRelease staging =
        SignedRelease.of("staging", 1)
            .file("bin/player", "2.0.0", bytes("player 2.0.0"))
            .signedBy(OPERATOR);

    assertRefused(staging.artifact("bin/player"), Refusal.WRONG_REPOSITORY);

    assertUnchanged(before);
  }

  @Test
  void aKeyRevokedByARootRotationNoLongerSignsForTheDevice() throws Exception {
    KeyPair next = Ed25519Keys.generate();
    SignedRoot rotated =
        CatalogSigner.sign(
            new RootDocument(
                REPOSITORY, 1, Instant.now().plusSeconds(86_400), 1, List.of(next.getPublic())),
            List.of(OPERATOR, next));
    send(
        SignedRelease.of(REPOSITORY, 2)
            .file("bin/player", "2.0.0", bytes("player 2.0.0"))
            .root(rotated)
            .signedBy(next)
            .artifact("bin/player"));
    Map<String, byte[]> before = snapshot();

    assertRefused(
        player(3, "3.0.0", bytes("player 3.0.0")).artifact("bin/player"), Refusal.UNKNOWN_KEYS);

    assertUnchanged(before);
    assertThat(agent.manifest().find("bin/player")).map(FileEntry::version).contains("2.0.0");
  }

  @Test
  void aMalformedProofHeaderIsABadRequest() throws Exception {
    Map<String, byte[]> before = snapshot();

    HttpResponse<String> notBase64 = rawPut(EVIL, Optional.of("not base64!"));
    HttpResponse<String> notAProof =
        rawPut(
            EVIL,
            Optional.of(
                Base64.getUrlEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))));

    for (HttpResponse<String> answer : List.of(notBase64, notAProof)) {
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(Problem.parse(answer.body().getBytes(StandardCharsets.UTF_8), 400).type())
          .isEqualTo("https://patchbay.io/problems/invalid-proof");
    }
    assertUnchanged(before);
  }

  @Test
  void aProofHeaderOverTheLimitIsRefusedUnread() throws Exception {
    Map<String, byte[]> before = snapshot();

    HttpResponse<String> answer =
        rawPut(EVIL, Optional.of("A".repeat(DevicePaths.MAX_PROOF_HEADER + 1)));

    assertThat(answer.statusCode()).isEqualTo(431);
    assertThat(Problem.parse(answer.body().getBytes(StandardCharsets.UTF_8), 431).type())
        .isEqualTo("https://patchbay.io/problems/invalid-proof");
    assertUnchanged(before);
  }

  @Test
  void theProofTravelsAsUnpaddedBase64UrlOfItsCompactJson() throws Exception {
    EntryProof proof = player(1, "2.0.0", bytes("player 2.0.0")).proof("bin/player");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    SignatureJson.writeProof(proof, json);
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString(json.toByteArray());

    HttpResponse<String> answer = rawPut(bytes("player 2.0.0"), Optional.of(header));

    // The raw PUT announces version 999.0.0, which the head end did not sign.
    assertThat(Problem.parse(answer.body().getBytes(StandardCharsets.UTF_8), 403).refusal())
        .isEqualTo("NOT_SIGNED");
  }

  @Test
  void aGatewayWithAVerifiedCatalogUpdatesAVerifyingDeviceEndToEnd() throws Exception {
    byte[] content = bytes("player 2.0.0").clone();
    SignedRelease release = player(7, "2.0.0", content);
    CatalogVerifier verifier =
        CatalogVerifier.builder(TrustPolicy.of(1, List.of(OPERATOR.getPublic())), REPOSITORY)
            .build();
    UpdateOrchestrator gateway =
        UpdateOrchestrator.builder()
            .catalog(verifier.guard(URI.create("memory:catalog.json"), release.headEnd()))
            .transports(Transports.of(transport))
            .build();

    FleetReport report = gateway.updateAll(new ArrayList<>(List.of(client)));

    assertThat(report.succeeded()).as(report.toString()).isTrue();
    assertThat(Files.readAllBytes(agent.pathOf("bin/player"))).isEqualTo(content);
    assertThat(agent.manifest().find("bin/guide")).map(FileEntry::version).contains("1.0.0");
  }
}
