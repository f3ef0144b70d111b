package io.patchbay.transport.http;

import io.patchbay.PatchbayException;
import io.patchbay.catalog.OriginNotAllowedException;
import java.net.URI;

/**
 * Thrown when a redirect is not followed: too many in a row, from {@code https} to plain {@code
 * http}, or to a {@code Location} that is not a URI. Not retried. A redirect to an origin that is
 * not allowed is an {@link OriginNotAllowedException} instead.
 */
public final class RedirectRefusedException extends PatchbayException {

  /** Why the redirect was not followed. */
  public enum Reason {
    /** More redirects in a row than {@link HttpTransportConfig#maxRedirects()}. */
    TOO_MANY,
    /** From {@code https} to {@code http}, which would expose the request. */
    DOWNGRADE,
    /** The {@code Location} header is missing or not a URI reference. */
    INVALID_LOCATION
  }

  private final URI from;
  private final String location;
  private final Reason reason;

  RedirectRefusedException(URI from, String location, Reason reason, String why) {
    super("Not following the redirect from " + from + " to " + location + ": " + why);
    this.from = from;
    this.location = location;
    this.reason = reason;
  }

  /** The URI that answered with the redirect. */
  public URI from() {
    return from;
  }

  /** The redirect's {@code Location}, as sent (possibly relative, possibly {@code null}). */
  public String location() {
    return location;
  }

  /** Why it was not followed. */
  public Reason reason() {
    return reason;
  }
}
