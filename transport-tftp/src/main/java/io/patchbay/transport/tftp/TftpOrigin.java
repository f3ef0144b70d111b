package io.patchbay.transport.tftp;

import java.net.URI;
import java.util.Locale;

/**
 * The server a {@code tftp} URI names, as written: a host, lower-cased, and a port, 69 when absent.
 * Never resolved, so a check of origins sends nothing, not even a DNS query.
 */
record TftpOrigin(String host, int port) {

  /**
   * The origin of {@code uri}.
   *
   * @throws IllegalArgumentException if it is not a {@code tftp} URI with a host
   */
  static TftpOrigin of(URI uri) {
    if (uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("tftp")
        || uri.getHost() == null) {
      throw new IllegalArgumentException("Not a tftp://host[:port] URI: " + uri);
    }
    return new TftpOrigin(
        uri.getHost().toLowerCase(Locale.ROOT),
        uri.getPort() < 0 ? TftpLocation.DEFAULT_PORT : uri.getPort());
  }

  /** The origin as a URI, such as {@code tftp://10.0.0.5:69}. */
  URI uri() {
    return URI.create("tftp://" + host + ":" + port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
