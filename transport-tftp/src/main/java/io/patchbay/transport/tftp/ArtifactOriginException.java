package io.patchbay.transport.tftp;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.net.URI;
import java.util.List;

/**
 * Thrown when a catalog entry's location names a server that artifacts may not come from: neither
 * the catalog's own nor one of {@link TftpTransportConfig#artifactOrigins()}. Thrown before any
 * datagram is sent, so a catalog cannot point the gateway at another host of the network.
 */
public final class ArtifactOriginException extends PatchbayException {

  private final URI location;
  private final List<URI> allowed;

  /** Creates the error for {@code location}, which is none of {@code allowed}. */
  public ArtifactOriginException(URI location, List<URI> allowed) {
    super(
        "The artifact location "
            + Untrusted.quote(location.toString())
            + " is on none of the allowed origins "
            + allowed
            + " (TftpTransportConfig.Builder.artifactOrigins)");
    this.location = location;
    this.allowed = List.copyOf(allowed);
  }

  /** The location refused, resolved against the catalog's URI. */
  public URI location() {
    return location;
  }

  /** The origins artifacts may come from: the catalog's own first, then those configured. */
  public List<URI> allowed() {
    return allowed;
  }
}
