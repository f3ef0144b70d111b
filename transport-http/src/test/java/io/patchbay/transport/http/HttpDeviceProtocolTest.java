package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.TransferRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device protocol between {@link HttpTransport} and the reference {@link HttpDeviceAgent}, over
 * loopback.
 */
class HttpDeviceProtocolTest {

  private static final byte[] OLD = "player 1.0.0".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;
  private HttpDeviceAgent agent;
  private Client client;
  private final HttpTransport transport =
      new HttpTransport(
          HttpTransportConfig.builder()
              .retry(
                  RetryPolicy.builder()
                      .maxAttempts(2)
                      .initialBackoff(Duration.ofMillis(5))
                      .maxBackoff(Duration.ofMillis(10))
                      .maxRetryAfter(Duration.ofSeconds(1))
                      .build())
              .readTimeout(Duration.ofSeconds(2))
              .build());
  private final List<Long> progress = new ArrayList<>();

  @BeforeEach
  void startAgent() throws IOException {
    agent =
        HttpDeviceAgent.builder(directory, DeviceTrust.insecure()).maxFileSize(10_000_000).start();
    agent.install("bin/player", "1.0.0", new ByteArrayInputStream(OLD));
    client = Client.of("stb-1", agent.endpoint());
  }

  @AfterEach
  void stopAgent() {
    agent.close();
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /**
   * An artifact whose catalog entry describes {@code described} but whose bytes are {@code actual}.
   */
  private static Artifact artifact(String name, String version, byte[] described, byte[] actual) {
    CatalogEntry entry =
        CatalogEntry.of(
            name, version, InMemoryCatalog.sha256(described), described.length, URI.create("x"));
    return new BytesArtifact(entry, actual);
  }

  private void assertPreviousFileIntact() throws IOException {
    assertThat(Files.readAllBytes(agent.pathOf("bin/player"))).isEqualTo(OLD);
    assertThat(agent.manifest().find("bin/player")).map(FileEntry::version).contains("1.0.0");
    try (var leftovers = Files.list(directory.resolve(".patchbay/incoming"))) {
      assertThat(leftovers).isEmpty();
    }
  }

  @Test
  void interrogationReturnsWhatTheDeviceHoldsWithDigests() throws IOException {
    Manifest manifest = transport.interrogator().interrogate(client);

    assertThat(manifest.find("bin/player"))
        .hasValueSatisfying(
            entry -> {
              assertThat(entry.version()).isEqualTo("1.0.0");
              assertThat(entry.sha256()).isEqualTo(InMemoryCatalog.sha256(OLD));
              assertThat(entry.size()).isEqualTo(OLD.length);
            });
  }

  @Test
  void transferInstallsTheFileAndTheNextInterrogationConfirmsIt() throws IOException {
    byte[] content = randomBytes(3_000_000);

    transport
        .transferer()
        .transfer(client, artifact("bin/player", "2.0.0", content, content), progress::add);

    assertThat(Files.readAllBytes(agent.pathOf("bin/player"))).isEqualTo(content);
    FileEntry reported =
        transport.interrogator().interrogate(client).find("bin/player").orElseThrow();
    assertThat(reported.matches("2.0.0", InMemoryCatalog.sha256(content))).isTrue();
    assertThat(progress).isSorted().last().isEqualTo((long) content.length);
  }

  @Test
  void nestedNamesWithSpacesTravelPercentEncoded() throws IOException {
    byte[] content = randomBytes(1000);

    transport
        .transferer()
        .transfer(client, artifact("fw/tuner v2/img.bin", "1.0.0", content, content), bytes -> {});

    assertThat(Files.readAllBytes(directory.resolve("fw/tuner v2/img.bin"))).isEqualTo(content);
  }

  @Test
  void installedFilesSurviveARestartOfTheDevice() throws IOException {
    byte[] content = randomBytes(1000);
    transport
        .transferer()
        .transfer(client, artifact("bin/player", "2.0.0", content, content), bytes -> {});
    agent.close();

    agent = HttpDeviceAgent.builder(directory, DeviceTrust.insecure()).start();

    assertThat(agent.manifest().find("bin/player")).map(FileEntry::version).contains("2.0.0");
  }

  @Test
  void digestMismatchIsRejectedAndTheDeviceKeepsItsPreviousFile() throws IOException {
    byte[] promised = randomBytes(100_000);
    byte[] tampered = promised.clone();
    tampered[500] ^= 1;

    assertThatThrownBy(
            () ->
                transport
                    .transferer()
                    .transfer(
                        client, artifact("bin/player", "2.0.0", promised, tampered), bytes -> {}))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
              assertThat(e.detail()).contains("SHA256", "bin/player");
            });
    assertPreviousFileIntact();
  }

  @Test
  void unsafeNamesAreRejectedBeforeAnyByteIsStored() throws IOException {
    String response =
        rawRequest(
            "PUT /patchbay/v1/files/bin/..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 3\r\nPatchbay-Version: 1\r\nRepr-Digest: sha-256=:AAAA:\r\nConnection: close\r\n\r\nabc");

    assertThat(response)
        .startsWith("HTTP/1.1 400")
        .contains("application/problem+json")
        .contains("https://patchbay.io/problems/invalid-name");
    assertPreviousFileIntact();
  }

  @Test
  void theAgentsOwnStateCannotBeOverwritten() throws IOException {
    byte[] content = randomBytes(10);

    assertThatThrownBy(
            () ->
                transport
                    .transferer()
                    .transfer(
                        client,
                        artifact(".patchbay/manifest.json", "1.0.0", content, content),
                        bytes -> {}))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
    assertThat(agent.manifest().find("bin/player")).isPresent();
  }

  @Test
  void requestWithoutTheProtocolHeadersIsRejected() throws IOException {
    String response =
        rawRequest(
            "PUT /patchbay/v1/files/bin/player HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\nabc");

    assertThat(response)
        .startsWith("HTTP/1.1 400")
        .contains("https://patchbay.io/problems/invalid-request");
    assertPreviousFileIntact();
  }

  @Test
  void fileTooLargeForTheDeviceIsRefusedAsNoSpace() throws IOException {
    byte[] content = randomBytes(10_000_001);

    assertThatThrownBy(
            () ->
                transport
                    .transferer()
                    .transfer(
                        client, artifact("bin/player", "2.0.0", content, content), bytes -> {}))
        .isInstanceOfSatisfying(
            TransferRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SPACE));
    assertPreviousFileIntact();
  }

  @Test
  void deviceVanishingMidTransferFailsTheTransferAndKeepsThePreviousFile() throws Exception {
    byte[] content = randomBytes(4_000_000);
    CountDownLatch halfSent = new CountDownLatch(1);
    CatalogEntry entry =
        CatalogEntry.of(
            "bin/player",
            "2.0.0",
            InMemoryCatalog.sha256(content),
            content.length,
            URI.create("x"));
    Artifact stalling =
        new Artifact() {
          @Override
          public CatalogEntry entry() {
            return entry;
          }

          @Override
          public InputStream open() {
            return new InputStream() {
              private int position;

              @Override
              public int read() {
                throw new UnsupportedOperationException("bulk reads only");
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
                if (position >= content.length / 2) {
                  halfSent.countDown();
                  try {
                    new CountDownLatch(1).await(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                  }
                }
                int n = Math.min(length, content.length - position);
                System.arraycopy(content, position, buffer, offset, n);
                position += n;
                return n == 0 ? -1 : n;
              }
            };
          }
        };
    Thread vanish =
        new Thread(
            () -> {
              try {
                halfSent.await();
                agent.close();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    vanish.start();

    assertThatThrownBy(() -> transport.transferer().transfer(client, stalling, bytes -> {}))
        .isInstanceOf(IOException.class);
    vanish.join();
    agent = HttpDeviceAgent.builder(directory, DeviceTrust.insecure()).start();
    assertPreviousFileIntact();
  }

  @Test
  void stalledDeviceTimesOutWithinTheReadTimeout() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Client silent =
          Client.of("silent", URI.create("http://127.0.0.1:" + blackHole.getLocalPort()));
      byte[] content = randomBytes(5_000_000);

      assertThatThrownBy(
              () ->
                  transport
                      .transferer()
                      .transfer(
                          silent, artifact("bin/player", "2.0.0", content, content), bytes -> {}))
          .isInstanceOf(HttpTimeoutException.class);
    }
  }

  private String rawRequest(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), agent.endpoint().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
