package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.transport.http.StaticHeadEnd;
import io.patchbay.trust.Ed25519Keys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay device http} with and without trust, run in this JVM. */
class DeviceTrustCommandTest {

  private static final Pattern URL = Pattern.compile("(http://\\S+)");

  @TempDir Path work;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aDeviceGivenNeitherTrustNorInsecureRefusesToStart() {
    CommandRun.Result run = CommandRun.run("device", "http", "--dir", work.resolve("stb"));

    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines().findFirst())
        .hasValueSatisfying(
            line ->
                assertThat(line).contains("Refusing to start a device", "--trust", "--insecure"));
    assertThat(work.resolve("stb/.patchbay")).doesNotExist();
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void trustWithoutARepositoryRefusesToStart() throws IOException {
    Path key = publicKey(Ed25519Keys.generate());

    CommandRun.Result run =
        CommandRun.run("device", "http", "--dir", work.resolve("stb"), "--trust", key);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--trust needs --repository ID");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aTrustingDeviceRefusesARawPushAndTakesASignedUpdate() throws Exception {
    KeyPair operator = Ed25519Keys.generate();
    Path pub = publicKey(operator);
    Path headEndDir = signedHeadEnd(operator, "lab");
    Path stb = work.resolve("stb");
    Thread device = null;
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(headEndDir);
        PipedReader printed = new PipedReader()) {
      PipedWriter out = new PipedWriter(printed);
      device =
          new Thread(
              () ->
                  Patchbay.commandLine(Patchbay::classPathTransports)
                      .setOut(new PrintWriter(out, true))
                      .setErr(new PrintWriter(new StringWriter(), true))
                      .execute(
                          "device",
                          "http",
                          "--dir",
                          stb.toString(),
                          "--trust",
                          pub.toString(),
                          "--repository",
                          "lab"));
      device.start();
      Matcher url = URL.matcher(new BufferedReader(printed).readLine());
      assertThat(url.find()).isTrue();
      URI endpoint = URI.create(url.group(1));

      HttpResponse<String> push = rawPush(endpoint, "evil".getBytes(StandardCharsets.UTF_8));
      CommandRun.Result update =
          CommandRun.run(
              "update",
              "--catalog",
              headEnd.uri("catalog.json"),
              "--client",
              "stb-1=" + endpoint,
              "--trust",
              pub,
              "--repository",
              "lab",
              "--state-dir",
              work.resolve("gateway-state"),
              "--cache",
              work.resolve("cache"));

      assertThat(push.statusCode()).isEqualTo(403);
      assertThat(push.body()).contains("untrusted-file", "\"refusal\":\"UNSIGNED\"");
      assertThat(update.exitCode()).as(update.output()).isZero();
      assertThat(update.out()).contains("1 clients, 0 failed");
      assertThat(Files.readString(stb.resolve("bin/player"))).isEqualTo("player 2.0.0");
      assertThat(stb.resolve(".patchbay/trust/lab.accepted.json")).exists();
    } finally {
      if (device != null) {
        device.interrupt();
        device.join();
      }
    }
  }

  /** A head end directory with a catalog for {@code repository} and its signature file. */
  private Path signedHeadEnd(KeyPair operator, String repository) throws IOException {
    Path headEnd = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(headEnd.resolve("player"), "player 2.0.0");
    Path key = work.resolve("operator.key");
    Ed25519Keys.writePrivate(operator, key);
    CommandRun.Result build =
        CommandRun.run(
            "catalog",
            "build",
            work.resolve("head-end"),
            "--version",
            "2.0.0",
            "--repository",
            repository,
            "--expires-in",
            "P7D");
    CommandRun.Result sign =
        CommandRun.run("catalog", "sign", work.resolve("head-end/catalog.json"), "--key", key);
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    return work.resolve("head-end");
  }

  private Path publicKey(KeyPair pair) throws IOException {
    Path file = work.resolve(Ed25519Keys.keyId(pair.getPublic()) + ".pub");
    Ed25519Keys.writePublic(pair.getPublic(), file);
    return file;
  }

  /** A PUT as anyone on the LAN can send it: its own digest, any version, no proof. */
  static HttpResponse<String> rawPush(URI device, byte[] content) throws Exception {
    String digest =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
    HttpRequest request =
        HttpRequest.newBuilder(device.resolve("/patchbay/v1/files/bin/player"))
            .version(HttpClient.Version.HTTP_1_1)
            .header("Patchbay-Version", "999.0.0")
            .header("Repr-Digest", "sha-256=:" + digest + ":")
            .PUT(BodyPublishers.ofByteArray(content))
            .build();
    return HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
  }
}
