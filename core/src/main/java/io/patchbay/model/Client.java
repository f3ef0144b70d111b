package io.patchbay.model;

import io.patchbay.internal.Untrusted;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An IP client on the gateway's local network: a set-top box, media player or CPE whose software
 * the gateway keeps up to date.
 *
 * @param id a stable identifier, unique within a fleet (serial number, MAC address, ...)
 * @param endpoint where the device protocol reaches it, such as {@code http://10.0.0.7:8080} or
 *     {@code tftp://10.0.0.9:69}; its scheme selects the transport
 * @param attributes facts used for targeting, such as {@code model} and {@code hardwareRevision}
 */
public record Client(String id, URI endpoint, Map<String, String> attributes) {

  /** The attribute naming the client's model, used by catalog targeting. */
  public static final String MODEL = "model";

  /** The attribute naming the client's hardware revision, used by catalog targeting. */
  public static final String HARDWARE_REVISION = "hardwareRevision";

  /**
   * Validates the client.
   *
   * @throws IllegalArgumentException if the id is blank or holds control characters, or the
   *     endpoint is not an absolute URI
   */
  public Client {
    if (id == null || id.isBlank() || id.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "Client id must be non-blank printable text: " + Untrusted.quote(id));
    }
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.getScheme() == null) {
      throw new IllegalArgumentException("Client endpoint must be an absolute URI: " + endpoint);
    }
    attributes = Map.copyOf(attributes);
  }

  /** A client with no attributes. */
  public static Client of(String id, URI endpoint) {
    return new Client(id, endpoint, Map.of());
  }

  /** A client with no attributes; see {@link URI#create(String)}. */
  public static Client of(String id, String endpoint) {
    return of(id, URI.create(endpoint));
  }

  /** This client with one more attribute. */
  public Client withAttribute(String name, String value) {
    Map<String, String> more = new HashMap<>(attributes);
    more.put(name, value);
    return new Client(id, endpoint, more);
  }

  @Override
  public String toString() {
    return id + " (" + endpoint + ")";
  }
}
