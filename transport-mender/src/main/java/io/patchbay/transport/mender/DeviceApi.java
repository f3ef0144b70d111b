package io.patchbay.transport.mender;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.internal.Untrusted;
import io.patchbay.internal.json.Json;
import io.patchbay.transport.mender.DeviceRequests.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mender device API as a client 3.4 calls it (docs/protocol-mender.md, "Device API"): routes
 * each request, reads its body within the limits, records it in {@link Devices} and answers. Every
 * call but authentication and the artifact download needs the bearer token authentication gave; an
 * unknown token is answered 401, upon which the client authenticates again.
 *
 * <p>Handlers block (they read bodies and stream artifacts), so Jetty runs them on its bounded
 * worker pool. Thread-safe.
 */
final class DeviceApi extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceApi.class);

  static final String AUTH = "/api/devices/v1/authentication/auth_requests";
  static final String INVENTORY = "/api/devices/v1/inventory/device/attributes";
  static final String NEXT_V2 = "/api/devices/v2/deployments/device/deployments/next";
  static final String NEXT_V1 = "/api/devices/v1/deployments/device/deployments/next";
  private static final Pattern DEPLOYMENT =
      Pattern.compile(
          "/api/devices/v1/deployments/device/deployments/([0-9a-f-]{36})/(status|log)");
  private static final Pattern ARTIFACT = Pattern.compile("/artifacts/([0-9a-f-]{36})\\.mender");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");
  private static final String JSON = "application/json";

  private final Devices devices;
  private final DeviceRequests requests;
  private final DeviceLimits limits;
  private final String identityAttribute;
  private final Duration linkLifetime;
  private volatile URI origin;

  DeviceApi(Devices devices, DeviceLimits limits, String identityAttribute, Duration linkLifetime) {
    this.devices = devices;
    this.requests = new DeviceRequests(limits);
    this.limits = limits;
    this.identityAttribute = identityAttribute;
    this.linkLifetime = linkLifetime;
  }

  /** Sets the origin artifact links are made under, once the server knows its port. */
  void origin(URI origin) {
    this.origin = origin;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    try {
      Matcher artifact = ARTIFACT.matcher(path);
      if (artifact.matches() && (method.equals("GET") || method.equals("HEAD"))) {
        download(artifact.group(1), request, response, callback);
        return true;
      }
      if (path.equals(AUTH) && method.equals("POST")) {
        authenticate(request, response, callback);
        return true;
      }
      String device = device(request);
      if (device == null) {
        send(response, callback, 401, "text/plain", "unknown or missing token\n");
        return true;
      }
      Matcher deployment = DEPLOYMENT.matcher(path);
      if (path.equals(INVENTORY) && (method.equals("PUT") || method.equals("PATCH"))) {
        devices.inventory(device, requests.inventory(body(request, limits.maxRequestBytes())));
        send(response, callback, 200, null, "");
      } else if (path.equals(NEXT_V2) && method.equals("POST")) {
        next(
            device, requests.provides(body(request, limits.maxRequestBytes())), response, callback);
      } else if (path.equals(NEXT_V1) && method.equals("GET")) {
        next(device, v1Provides(request), response, callback);
      } else if (deployment.matches() && method.equals("PUT")) {
        report(device, deployment.group(1), deployment.group(2), request, response, callback);
      } else {
        send(response, callback, 404, "text/plain", "not part of the device API served here\n");
      }
    } catch (BadRequestException e) {
      LOG.info(
          "Refused {} {} from {}: {}",
          method,
          Untrusted.quote(path),
          Request.getRemoteAddr(request),
          e.getMessage());
      send(
          response,
          callback,
          e instanceof TooLargeException ? 413 : 400,
          "text/plain",
          e.getMessage() + "\n");
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    }
    return true;
  }

  private void authenticate(Request request, Response response, Callback callback)
      throws IOException {
    byte[] body = body(request, limits.maxRequestBytes());
    DeviceRequests.AuthRequest auth = requests.authRequest(body);
    PublicKey key = DeviceKeys.parse(auth.publicKeyPem());
    if (key == null) {
      throw new BadRequestException("pubkey is not a PEM RSA, EC or Ed25519 public key");
    }
    if (!DeviceKeys.verifies(key, body, request.getHeaders().get("X-MEN-Signature"))) {
      send(response, callback, 401, "text/plain", "X-MEN-Signature does not verify\n");
      return;
    }
    String id = requests.identity(auth.identityJson()).get(identityAttribute);
    if (id == null || id.isBlank() || id.chars().anyMatch(Character::isISOControl)) {
      throw new BadRequestException(
          "the identity has no printable " + Untrusted.quote(identityAttribute) + " attribute");
    }
    String token = devices.authenticate(id, key);
    if (token == null) {
      send(response, callback, 401, "text/plain", "not admitted\n");
    } else {
      send(response, callback, 200, "application/jwt", token);
    }
  }

  private void next(
      String device, Map<String, String> provides, Response response, Callback callback)
      throws IOException {
    Offer offer = devices.poll(device, provides);
    if (offer == null) {
      send(response, callback, 204, null, "");
      return;
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator json = Json.generator(text)) {
      json.writeStartObject();
      json.writeStringField("id", offer.id);
      json.writeObjectFieldStart("artifact");
      json.writeStringField("id", offer.id);
      json.writeStringField("artifact_name", offer.payload.artifactName());
      json.writeObjectFieldStart("source");
      json.writeStringField("uri", origin.resolve("/artifacts/" + offer.id + ".mender").toString());
      json.writeStringField("expire", Instant.now().plus(linkLifetime).toString());
      json.writeEndObject();
      json.writeArrayFieldStart("device_types_compatible");
      for (String type : offer.payload.deviceTypes()) {
        json.writeString(type);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    }
    LOG.info("Offered deployment {} to Mender device {}", offer.id, Untrusted.quote(device));
    send(response, callback, 200, JSON, text.toString());
  }

  private void report(
      String device,
      String offerId,
      String what,
      Request request,
      Response response,
      Callback callback)
      throws IOException {
    Devices.Report outcome;
    if (what.equals("status")) {
      DeviceRequests.StatusReport status = requests.status(body(request, limits.maxRequestBytes()));
      outcome = devices.status(device, offerId, status.status());
      LOG.info(
          "Mender device {} reports {} for deployment {}",
          Untrusted.quote(device),
          status.status(),
          offerId);
    } else {
      outcome = devices.log(device, offerId, requests.log(body(request, limits.maxLogBytes())));
    }
    switch (outcome) {
      case ACCEPTED -> send(response, callback, 204, null, "");
      case UNKNOWN -> send(response, callback, 404, "text/plain", "no such deployment\n");
      // As a Mender server answers for an aborted deployment: the client stops it.
      case GONE -> send(response, callback, 409, "text/plain", "deployment is over\n");
    }
  }

  /**
   * Streams the artifact of a deployment its device fetched, from the start or, with a {@code
   * Range} of one {@code bytes=START-[END]}, from START (206), so a client resumes a cut download.
   * The link is a capability: its id is random and dies with the deployment.
   */
  private void download(String offerId, Request request, Response response, Callback callback)
      throws IOException {
    Offer offer = devices.downloadable(offerId);
    if (offer == null) {
      send(response, callback, 404, "text/plain", "no such artifact\n");
      return;
    }
    long size = offer.payload.size();
    long start = 0;
    long end = size;
    String range = request.getHeaders().get(HttpHeader.RANGE);
    Matcher bytes = range == null ? null : RANGE.matcher(range.trim());
    if (bytes != null && bytes.matches()) {
      start = Long.parseLong(bytes.group(1));
      if (!bytes.group(2).isEmpty()) {
        end = Math.min(size, Long.parseLong(bytes.group(2)) + 1);
      }
      if (start >= size || start >= end) {
        response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
        send(response, callback, 416, "text/plain", "range not satisfiable\n");
        return;
      }
      response.setStatus(206);
      response
          .getHeaders()
          .put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + (end - 1) + "/" + size);
    } else {
      // Other forms (several ranges, suffixes) are not needed by the client: the whole artifact.
      response.setStatus(200);
    }
    response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, end - start);
    if (request.getMethod().equals("HEAD")) {
      callback.succeeded();
      return;
    }
    try (InputStream in = offer.payload.open();
        OutputStream out = Content.Sink.asOutputStream(response)) {
      in.skipNBytes(start);
      byte[] buffer = new byte[64 * 1024];
      long position = start;
      while (position < end) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, end - position));
        if (n < 0) {
          throw new IOException("The gateway's copy of the artifact ended at " + position);
        }
        out.write(buffer, 0, n);
        position += n;
        devices.sent(offer, position);
      }
    }
    callback.succeeded();
  }

  /** The v1 poll's provides: its query's {@code artifact_name} and {@code device_type}. */
  private Map<String, String> v1Provides(Request request) {
    Map<String, String> provides = new LinkedHashMap<>();
    for (String name : List.of("artifact_name", "device_type")) {
      String value = Request.extractQueryParameters(request).getValue(name);
      if (value == null || value.length() > limits.maxValueLength()) {
        throw new BadRequestException(
            "the query needs " + name + " of at most " + limits.maxValueLength() + " characters");
      }
      provides.put(name, value);
    }
    return provides;
  }

  private String device(Request request) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    return devices.deviceOf(authorization.substring("Bearer ".length()).trim());
  }

  /** The request's body, chunked or not, refused past {@code max} bytes. */
  private static byte[] body(Request request, int max) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        throw new TooLargeException(max);
      }
      return body;
    }
  }

  private static void send(
      Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    if (type != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    }
    Content.Sink.write(response, true, body, callback);
  }

  /** A body over its limit: answered 413. */
  static final class TooLargeException extends BadRequestException {
    private static final long serialVersionUID = 1L;

    TooLargeException(int max) {
      super("the body is over " + max + " bytes");
    }
  }
}
