package io.patchbay.transport.http;

import io.patchbay.PatchbayException;
import java.net.URI;
import java.util.List;

/**
 * Thrown before a connection is opened to a URI whose origin the head end's requests may not reach:
 * an artifact location or a redirect target outside the catalog's own origin and the ones the
 * operator allowed ({@link HttpTransportConfig#artifactOrigins()}), or a device's redirect off the
 * device. Not retried.
 */
public final class OriginNotAllowedException extends PatchbayException {

  private final URI refused;
  private final List<URI> allowed;

  OriginNotAllowedException(URI refused, List<URI> allowed, String what) {
    super("Refusing " + what + " " + refused + ": its origin is not one of " + allowed);
    this.refused = refused;
    this.allowed = List.copyOf(allowed);
  }

  /** The URI that was not requested. */
  public URI refused() {
    return refused;
  }

  /** The origins that were allowed, as {@code scheme://host:port} URIs. */
  public List<URI> allowed() {
    return allowed;
  }
}
