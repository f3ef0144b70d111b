package io.patchbay.trust;

import io.patchbay.model.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * What a catalog signature signs: a short statement naming the SHA-256 of the catalog document's
 * bytes, so a gateway streams the catalog through a digest instead of holding it for the signature
 * check. The prefix keeps a catalog signature from being valid as any other message.
 */
final class Statement {

  static final String PREFIX = "patchbay-catalog-v1 sha256:";

  private Statement() {}

  static byte[] of(Sha256 catalogDigest) {
    return (PREFIX + catalogDigest.hex()).getBytes(StandardCharsets.US_ASCII);
  }
}
