package io.patchbay.transport.http;

import java.net.URI;
import javax.net.ssl.SSLHandshakeException;

/**
 * A TLS handshake with a head end or device failed: its certificate is not issued by a trusted CA
 * or does not name the host of the URI, or the peer refused the gateway's own certificate (or its
 * absence). Never retried; nothing was sent to the peer beyond the handshake.
 */
public final class TlsHandshakeException extends SSLHandshakeException {

  private final URI uri;

  /** Creates the error for the exchange with {@code uri}, caused by {@code cause}. */
  public TlsHandshakeException(URI uri, Throwable cause) {
    super("TLS handshake with " + uri + " failed: " + cause.getMessage());
    this.uri = uri;
    initCause(cause);
  }

  /** The URI requested. */
  public URI uri() {
    return uri;
  }
}
