package io.patchbay.testkit;

import io.patchbay.format.JsonLimits;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.SignedRoot;
import io.patchbay.trust.CatalogSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.List;

/**
 * Signature files for test head ends: what {@code patchbay catalog sign} writes beside a catalog
 * document, made in memory. The document must name its repository.
 */
public final class SignatureFiles {

  private SignatureFiles() {}

  /** The signature file of {@code catalogDocument}, signed by each of {@code keys}. */
  public static byte[] of(byte[] catalogDocument, List<KeyPair> keys) {
    return of(catalogDocument, keys, List.of());
  }

  /**
   * The signature file of {@code catalogDocument}, signed by each of {@code keys}, carrying {@code
   * roots}.
   */
  public static byte[] of(byte[] catalogDocument, List<KeyPair> keys, List<SignedRoot> roots) {
    try {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      SignatureJson.write(
          CatalogSigner.sign(
              CatalogSigner.statement(
                  new ByteArrayInputStream(catalogDocument), JsonLimits.defaults()),
              keys,
              roots),
          file);
      return file.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Signing in memory cannot fail", e);
    }
  }
}
