package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.patchbay.device.DeviceTrust;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.transport.http.HttpDeviceAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's HTTP edges: tokens read from files reach their own peers only, and artifacts
 * on another origin are fetched only from an {@code --artifact-origin}. Servers on loopback record
 * what they receive.
 */
class HttpEdgesCommandTest {

  private static final byte[] PLAYER = "player 2.0.0".getBytes(StandardCharsets.UTF_8);

  @TempDir Path work;
  private Recorder headEnd;
  private Recorder artifactHost;
  private Recorder fakeDevice;

  /** A server answering fixed paths and recording each request's {@code Authorization}. */
  private static final class Recorder implements AutoCloseable {
    final HttpServer server;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    Recorder(String address, Map<String, byte[]> files) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
              authorizations.add(authorization);
            }
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              if (body != null) {
                out.write(body);
              }
            }
          });
      server.start();
    }

    URI uri(String path) {
      InetSocketAddress at = server.getAddress();
      return URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + path);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @BeforeEach
  void start() throws IOException {
    // Another loopback address: another host, as far as origins go.
    artifactHost = new Recorder("127.0.0.2", Map.of("/player.bin", PLAYER));
    CatalogEntry player =
        CatalogEntry.of(
            "bin/player", "2.0.0", sha256(PLAYER), PLAYER.length, artifactHost.uri("/player.bin"));
    ByteArrayOutputStream catalog = new ByteArrayOutputStream();
    CatalogJson.write(Catalog.of(1, player), catalog);
    headEnd = new Recorder("127.0.0.1", Map.of("/catalog.json", catalog.toByteArray()));
    ByteArrayOutputStream manifest = new ByteArrayOutputStream();
    ManifestJson.write(Manifest.empty(), manifest);
    fakeDevice = new Recorder("127.0.0.1", Map.of("/patchbay/v1/manifest", manifest.toByteArray()));
  }

  @AfterEach
  void stop() {
    headEnd.close();
    artifactHost.close();
    fakeDevice.close();
  }

  private static Sha256 sha256(byte[] bytes) {
    try {
      return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private Path secret(String name, String token) throws IOException {
    return Files.writeString(work.resolve(name), token + "\n");
  }

  @Test
  void tokensFromFilesReachTheHeadEndAndTheDevicesOnly() throws IOException {
    CommandRun.Result plan =
        CommandRun.run(
            "plan",
            "--allow-unsigned",
            "--catalog",
            headEnd.uri("/catalog.json"),
            "--client",
            "stb=" + fakeDevice.uri(""),
            "--head-end-token-file",
            secret("head-end.token", "HEAD-END-SECRET"),
            "--device-token-file",
            secret("device.token", "DEVICE-SECRET"));

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.OK);
    assertThat(headEnd.authorizations).containsOnly("Bearer HEAD-END-SECRET").isNotEmpty();
    assertThat(fakeDevice.authorizations).containsOnly("Bearer DEVICE-SECRET").isNotEmpty();
    assertThat(plan.output()).doesNotContain("SECRET");
  }

  @Test
  void anEmptyTokenFileIsAUsageErrorAndNothingIsContacted() throws IOException {
    CommandRun.Result plan =
        CommandRun.run(
            "plan",
            "--allow-unsigned",
            "--catalog",
            headEnd.uri("/catalog.json"),
            "--client",
            "stb=" + fakeDevice.uri(""),
            "--head-end-token-file",
            secret("empty.token", " "));

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(plan.err()).contains("--head-end-token-file", "does not hold a token");
    assertThat(headEnd.requests).isEmpty();
  }

  @Test
  void anArtifactOnAnotherOriginIsRefusedWithoutAnArtifactOrigin() throws IOException {
    try (HttpDeviceAgent device =
        HttpDeviceAgent.builder(work.resolve("stb"), DeviceTrust.insecure()).start()) {
      CommandRun.Result update =
          CommandRun.run(
              "update",
              "--allow-unsigned",
              "--catalog",
              headEnd.uri("/catalog.json"),
              "--client",
              "stb=" + device.endpoint());

      assertThat(update.exitCode()).as(update.output()).isEqualTo(ExitCodes.FAILURES);
      assertThat(update.output()).contains(artifactHost.uri("/player.bin").toString());
      assertThat(artifactHost.requests).isEmpty();
    }
  }

  @Test
  void anArtifactOriginOnTheCommandLineIsFetchedFrom() throws IOException {
    try (HttpDeviceAgent device =
        HttpDeviceAgent.builder(work.resolve("stb"), DeviceTrust.insecure()).start()) {
      CommandRun.Result update =
          CommandRun.run(
              "update",
              "--allow-unsigned",
              "--catalog",
              headEnd.uri("/catalog.json"),
              "--client",
              "stb=" + device.endpoint(),
              "--artifact-origin",
              artifactHost.uri(""),
              "--head-end-token-file",
              secret("head-end.token", "HEAD-END-SECRET"));

      assertThat(update.exitCode()).as(update.output()).isEqualTo(ExitCodes.OK);
      assertThat(Files.readAllBytes(device.pathOf("bin/player"))).isEqualTo(PLAYER);
      assertThat(artifactHost.requests).containsExactly("/player.bin");
      assertThat(artifactHost.authorizations).isEmpty();
    }
  }
}
