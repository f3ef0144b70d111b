package io.patchbay.transport.mender;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device the test drives request by request over a real loopback connection, speaking the Mender
 * device API as the client 3.4 does (an RSA key, a signed auth request, bearer tokens), so that
 * each rule of the server can be checked on its own, including what a real client never sends.
 */
final class ScriptedDevice {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Pattern OFFER =
      Pattern.compile("\"id\":\"([0-9a-f-]{36})\".*\"uri\":\"([^\"]+)\"");

  private final URI server;
  private final String mac;
  private final KeyPair key;
  private String token;

  ScriptedDevice(URI server, String mac) throws GeneralSecurityException {
    this.server = server;
    this.mac = mac;
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    this.key = generator.generateKeyPair();
  }

  /** The device's public key. */
  PublicKey publicKey() {
    return key.getPublic();
  }

  /** The auth request body a client sends for this device. */
  String authBody() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    return "{\"id_data\":\"{\\\"mac\\\":\\\""
        + mac
        + "\\\"}\",\"tenant_token\":\"\",\"pubkey\":\""
        + pem.replace("\n", "\\n")
        + "\"}";
  }

  /** The signature of {@code body} with the device's key, as X-MEN-Signature carries it. */
  String sign(String body) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key.getPrivate());
    signature.update(body.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  /** Authenticates with a correctly signed request; returns the status, keeps the token. */
  int authenticate() throws IOException, InterruptedException, GeneralSecurityException {
    String body = authBody();
    HttpResponse<String> response = authenticate(body, sign(body));
    if (response.statusCode() == 200) {
      token = response.body();
    }
    return response.statusCode();
  }

  HttpResponse<String> authenticate(String body, String signature)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.resolve(DeviceApi.AUTH))
            .header("Content-Type", "application/json")
            .header("X-MEN-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code body} with {@code method} to {@code path} with the device's token. */
  HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls for the next deployment with these provides (a JSON object's text). */
  HttpResponse<String> poll(String providesJson) throws IOException, InterruptedException {
    return send(
        "POST",
        DeviceApi.NEXT_V2,
        "{\"device_provides\":" + providesJson + ",\"update_control_map\":true}");
  }

  HttpResponse<String> status(String deployment, String status)
      throws IOException, InterruptedException {
    return send(
        "PUT",
        "/api/devices/v1/deployments/device/deployments/" + deployment + "/status",
        "{\"status\":\"" + status + "\"}");
  }

  /** A deployment offered to the device. */
  record Offer(String id, URI uri) {}

  /**
   * Polls with {@code providesJson} until the gateway offers a deployment, for at most 10 s.
   *
   * @throws org.awaitility.core.ConditionTimeoutException if none is offered
   */
  Offer awaitOffer(String providesJson) {
    AtomicReference<Offer> offer = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              HttpResponse<String> response = poll(providesJson);
              if (response.statusCode() != 200) {
                return false;
              }
              Matcher matcher = OFFER.matcher(response.body());
              if (!matcher.find()) {
                throw new AssertionError("Not an offer: " + response.body());
              }
              offer.set(new Offer(matcher.group(1), URI.create(matcher.group(2))));
              return true;
            });
    return offer.get();
  }

  /** Downloads {@code uri}, with a {@code Range} header unless it is {@code null}. */
  static HttpResponse<byte[]> download(URI uri, String range)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (range != null) {
      request.header("Range", range);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
