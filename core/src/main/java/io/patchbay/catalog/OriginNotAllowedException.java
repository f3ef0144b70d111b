package io.patchbay.catalog;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by a transport before it contacts a URI whose origin it may not reach: an artifact
 * location or a redirect target outside the catalog's own origin and those the operator allowed, or
 * a device's redirect off the device. The same type from every transport, so that a catalog cannot
 * point the gateway at another host of the network (or at a cloud metadata address) whichever
 * transport serves it. Not retried.
 */
public final class OriginNotAllowedException extends PatchbayException {

  private final URI refused;
  private final List<URI> allowed;

  /**
   * Creates the error for {@code refused}, which is on none of {@code allowed}.
   *
   * @param what what {@code refused} is, for the message, such as "artifact location"
   */
  public OriginNotAllowedException(URI refused, List<URI> allowed, String what) {
    super(
        "Refusing "
            + what
            + " "
            + Untrusted.quote(refused.toString())
            + ": its origin is not one of "
            + allowed);
    this.refused = Objects.requireNonNull(refused, "refused");
    this.allowed = List.copyOf(allowed);
  }

  /** The URI that was not contacted. */
  public URI refused() {
    return refused;
  }

  /**
   * The origins that were allowed, as {@code scheme://host:port} URIs: the catalog's own first,
   * then those configured.
   */
  public List<URI> allowed() {
    return allowed;
  }
}
