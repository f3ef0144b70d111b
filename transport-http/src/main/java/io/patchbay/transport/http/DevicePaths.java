package io.patchbay.transport.http;

import java.net.URI;
import java.net.URISyntaxException;

/** The resources of the device protocol (docs/protocol-http.md) under a device's endpoint. */
final class DevicePaths {

  static final String PREFIX = "/patchbay/v1";
  static final String MANIFEST = PREFIX + "/manifest";
  static final String FILES = PREFIX + "/files/";

  /** Headers of a transfer. */
  static final String VERSION_HEADER = "Patchbay-Version";

  static final String DIGEST_HEADER = "Repr-Digest";

  /** The head end's proof that it signed the file, base64url of its JSON (docs/signing.md). */
  static final String PROOF_HEADER = "Patchbay-Proof";

  /**
   * The longest {@code Patchbay-Proof} a device reads, in characters: a proof is a few KB, and a
   * device must not buffer whatever a peer sends.
   */
  static final int MAX_PROOF_HEADER = 64 * 1024;

  private DevicePaths() {}

  static URI manifest(URI endpoint) {
    return under(endpoint, MANIFEST);
  }

  /** The file's URI; the URI constructor percent-encodes each character a path may not hold. */
  static URI file(URI endpoint, String name) {
    return under(endpoint, FILES + name);
  }

  private static URI under(URI endpoint, String path) {
    String base = endpoint.getPath() == null ? "" : endpoint.getPath();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    try {
      return new URI(endpoint.getScheme(), endpoint.getRawAuthority(), base + path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Cannot address " + path + " under " + endpoint, e);
    }
  }
}
