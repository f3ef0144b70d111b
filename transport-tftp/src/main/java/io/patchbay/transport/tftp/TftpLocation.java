package io.patchbay.transport.tftp;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Where a {@code tftp} URI points (RFC 3617): a server's address, port 69 unless given, and a path
 * on it, without the leading {@code /}.
 *
 * @param server the server's address, resolved
 * @param path the decoded path, possibly empty for a device's endpoint
 */
record TftpLocation(InetSocketAddress server, String path) {

  /** The well-known TFTP port (RFC 1350). */
  static final int DEFAULT_PORT = 69;

  /**
   * The location {@code uri} names.
   *
   * @throws IllegalArgumentException if it is not an absolute {@code tftp} URI with a host
   */
  static TftpLocation of(URI uri) {
    if (uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("tftp")
        || uri.getHost() == null) {
      throw new IllegalArgumentException("Not a tftp://host[:port]/path URI: " + uri);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return new TftpLocation(
        new InetSocketAddress(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort()), path);
  }

  /**
   * The file {@code name} under this location's path, which a device endpoint may set as a prefix.
   */
  String file(String name) {
    String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /**
   * The file this location names itself, such as a catalog.
   *
   * @throws IllegalArgumentException if the path is empty
   */
  String requireFile() {
    if (path.isEmpty() || path.endsWith("/")) {
      throw new IllegalArgumentException(
          "A tftp URI naming a file needs a path: tftp://" + server + "/" + path);
    }
    return path;
  }
}
