package io.patchbay.spi;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.util.Set;
import java.util.TreeSet;

/** Thrown when no transport on the class path serves a URI's scheme. */
public final class UnknownTransportException extends PatchbayException {

  private final String scheme;
  private final Set<String> known;

  /** Creates the error for {@code scheme}, listing the {@code known} schemes. */
  public UnknownTransportException(String scheme, Set<String> known) {
    super(
        "No transport for scheme "
            + Untrusted.quote(scheme)
            + "; known schemes: "
            + new TreeSet<>(known)
            + ". Add the transport's jar (such as patchbay-transport-http) to the class path.");
    this.scheme = scheme;
    this.known = Set.copyOf(known);
  }

  /** The scheme asked for. */
  public String scheme() {
    return scheme;
  }

  /** The schemes the loaded transports serve. */
  public Set<String> known() {
    return known;
  }
}
