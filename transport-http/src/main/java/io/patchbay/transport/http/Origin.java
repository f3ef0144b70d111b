package io.patchbay.transport.http;

import java.net.URI;
import java.util.Locale;

/**
 * The origin of an {@code http} or {@code https} URI: scheme, host and port, the port made explicit
 * (RFC 6454, section 4). Credentials and the artifact allow-list are scoped to origins, so that
 * {@code http://head.example} and {@code http://head.example:8080} are different peers.
 */
record Origin(String scheme, String host, int port) {

  /**
   * The origin of {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute {@code http} or {@code
   *     https} URI with a host
   */
  static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("Not an http or https URI: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("No host in " + uri);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
  }

  /** Tells whether {@code uri} is an {@code http} or {@code https} URI of this origin. */
  boolean contains(URI uri) {
    try {
      return equals(of(uri));
    } catch (IllegalArgumentException notHttp) {
      return false;
    }
  }

  /** This origin as a URI, such as {@code https://head.example:443}. */
  URI toUri() {
    return URI.create(toString());
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
