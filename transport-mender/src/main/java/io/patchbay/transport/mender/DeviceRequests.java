package io.patchbay.transport.mender;

import io.patchbay.internal.Untrusted;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.internal.json.JsonReader.Fields;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON bodies Mender clients send (docs/protocol-mender.md, "Device API"), within {@link
 * DeviceLimits}: every count and length is checked before a value is kept, and a body that breaks a
 * rule is refused with a {@link BadRequestException} that names it. Thread-safe (stateless).
 */
final class DeviceRequests {

  /**
   * Statuses a client 3.4 reports (Mender's deployments device API, "Update deployment status").
   */
  static final Set<String> STATUSES =
      Set.of(
          "downloading",
          "installing",
          "rebooting",
          "pause_before_installing",
          "pause_before_committing",
          "pause_before_rebooting",
          "success",
          "failure",
          "already-installed");

  /** Room for an RSA 4096 public key in PEM, the largest key a client makes. */
  private static final int MAX_PEM = 16 * 1024;

  /** The most log messages one upload may hold. */
  private static final int MAX_LOG_MESSAGES = 10_000;

  private final DeviceLimits limits;
  private final JsonReader.Limits small;
  private final JsonReader.Limits logs;

  DeviceRequests(DeviceLimits limits) {
    this.limits = limits;
    this.small =
        JsonReader.Limits.DEFAULTS
            .withMaxDocumentBytes(limits.maxRequestBytes())
            .withMaxStringLength(Math.max(MAX_PEM, limits.maxValueLength()))
            .withMaxNestingDepth(4);
    this.logs =
        new JsonReader.Limits(
            limits.maxLogBytes(),
            MAX_LOG_MESSAGES,
            Math.max(limits.maxValueLength(), 16 * 1024),
            4);
  }

  /** An authentication request: the identity as the client sent it (JSON text) and its key. */
  record AuthRequest(String identityJson, String publicKeyPem) {}

  /** A deployment status report. */
  record StatusReport(String status, String substate) {}

  AuthRequest authRequest(byte[] body) throws IOException {
    return read(
        body,
        small,
        json -> {
          JsonReader.ObjectReader fields =
              json.object(Fields.required("id_data", "pubkey").optional("tenant_token"));
          String identity = null;
          String key = null;
          for (String name = fields.next(); name != null; name = fields.next()) {
            switch (name) {
              case "id_data" -> identity = json.string("the identity, as JSON text");
              case "pubkey" -> key = json.string("a PEM public key");
              default -> json.optionalString();
            }
          }
          return new AuthRequest(identity, key);
        });
  }

  /**
   * The identity attributes of {@code identityJson}: an object of strings (an array of strings,
   * such as several MAC addresses, is kept joined with commas).
   */
  Map<String, String> identity(String identityJson) throws IOException {
    return read(
        identityJson.getBytes(StandardCharsets.UTF_8),
        small,
        json -> attributes(json.map(DeviceRequests::stringOrStrings), "identity"));
  }

  /** An inventory update: a list of {@code {"name":..,"value":..}}, values strings or lists. */
  Map<String, String> inventory(byte[] body) throws IOException {
    return read(
        body,
        small,
        json -> {
          Map<String, String> attributes = new LinkedHashMap<>();
          json.forEachEntry(
              entry -> {
                JsonReader.ObjectReader fields =
                    entry.object(Fields.required("name", "value").optional("description"));
                String name = null;
                String value = null;
                for (String field = fields.next(); field != null; field = fields.next()) {
                  switch (field) {
                    case "name" -> name = entry.string("an attribute name");
                    case "value" -> value = stringOrStrings(entry);
                    default -> entry.optionalString();
                  }
                }
                if (attributes.put(name, value) != null) {
                  throw new BadRequestException(
                      "inventory attribute " + Untrusted.quote(name) + " appears twice");
                }
                if (attributes.size() > limits.maxAttributes()) {
                  throw tooMany("inventory");
                }
              });
          return attributes(attributes, "inventory");
        });
  }

  /** The {@code device_provides} of a v2 next-deployment request. */
  Map<String, String> provides(byte[] body) throws IOException {
    return read(
        body,
        small,
        json -> {
          JsonReader.ObjectReader fields =
              json.object(Fields.required("device_provides").optional("update_control_map"));
          Map<String, String> provides = Map.of();
          for (String name = fields.next(); name != null; name = fields.next()) {
            if (name.equals("device_provides")) {
              provides = json.map(value -> value.string("a provides value"));
            } else {
              json.optionalString();
            }
          }
          return attributes(provides, "device_provides");
        });
  }

  StatusReport status(byte[] body) throws IOException {
    return read(
        body,
        small,
        json -> {
          JsonReader.ObjectReader fields =
              json.object(Fields.required("status").optional("substate"));
          String status = null;
          String substate = null;
          for (String name = fields.next(); name != null; name = fields.next()) {
            if (name.equals("status")) {
              status = json.string("a deployment status");
            } else {
              substate = json.optionalString();
            }
          }
          if (!STATUSES.contains(status)) {
            throw new BadRequestException("unknown deployment status " + Untrusted.quote(status));
          }
          return new StatusReport(status, substate);
        });
  }

  /** A log upload: {@code {"messages":[{"timestamp":..,"level":..,"message":..}]}}, as lines. */
  List<String> log(byte[] body) throws IOException {
    return read(
        body,
        logs,
        json -> {
          JsonReader.ObjectReader fields = json.object(Fields.required("messages"));
          List<String> lines = new ArrayList<>();
          for (String name = fields.next(); name != null; name = fields.next()) {
            json.forEachEntry(
                entry -> {
                  JsonReader.ObjectReader message =
                      entry.object(Fields.required("message").optional("timestamp", "level"));
                  String timestamp = "";
                  String level = "";
                  String text = "";
                  for (String field = message.next(); field != null; field = message.next()) {
                    switch (field) {
                      case "timestamp" -> timestamp = String.valueOf(entry.optionalString());
                      case "level" -> level = String.valueOf(entry.optionalString());
                      default -> text = entry.string("a log message");
                    }
                  }
                  lines.add(timestamp + " " + level + " " + text);
                });
          }
          return lines;
        });
  }

  /** Checks the count and lengths of a device's attributes, and copies them. */
  private Map<String, String> attributes(Map<String, String> attributes, String what) {
    if (attributes.size() > limits.maxAttributes()) {
      throw tooMany(what);
    }
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (attribute.getKey().length() > limits.maxValueLength()
          || attribute.getValue().length() > limits.maxValueLength()) {
        throw new BadRequestException(
            what
                + " attribute "
                + Untrusted.quote(attribute.getKey())
                + " is longer than "
                + limits.maxValueLength()
                + " characters");
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  private BadRequestException tooMany(String what) {
    return new BadRequestException(
        "more than " + limits.maxAttributes() + " " + what + " attributes");
  }

  private static String stringOrStrings(JsonReader json) throws IOException {
    try {
      return String.join(",", json.list(JsonReader::stringOrInteger));
    } catch (BadRequestException e) {
      if (e.kind != JsonReader.Kind.WRONG_TYPE) {
        throw e;
      }
      // Not an array: the reader refused it before moving, so read it as a single value.
      return json.stringOrInteger();
    }
  }

  private static <T> T read(byte[] body, JsonReader.Limits limits, JsonReader.Value<T> document)
      throws IOException {
    return JsonReader.read(
        new ByteArrayInputStream(body),
        limits,
        (kind, where, reason, cause) ->
            new BadRequestException(
                kind, "at " + where.path() + " (line " + where.line() + "): " + reason),
        document);
  }

  /** A request body that breaks the device API or a limit: answered 400 with the reason. */
  static class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The JSON rule broken, or {@code null} for a rule of the device API's. */
    final transient JsonReader.Kind kind;

    BadRequestException(String reason) {
      this(null, reason);
    }

    BadRequestException(JsonReader.Kind kind, String reason) {
      super(reason);
      this.kind = kind;
    }
  }
}
