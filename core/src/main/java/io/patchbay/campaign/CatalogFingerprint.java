package io.patchbay.campaign;

import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a journal remembers of the catalog a campaign rolls out, besides its serial: a SHA-256 over
 * every entry's name, version and digest, so that a head end that serves other content under the
 * same serial is not mistaken for the campaign's.
 */
final class CatalogFingerprint {

  private CatalogFingerprint() {}

  static String of(Catalog catalog) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
    for (CatalogEntry entry : catalog.entries()) {
      sha256.update(
          (entry.name() + "\n" + entry.version() + "\n" + entry.sha256().hex() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
