package io.patchbay.trust;

import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs catalogs, for head ends: the signature of one key over a catalog document's exact bytes
 * (through their SHA-256; see {@code docs/signing.md}). Stateless and thread-safe.
 */
public final class CatalogSigner {

  private CatalogSigner() {}

  /**
   * Signs the catalog document read from {@code document}, to its end, with {@code key}.
   *
   * @throws IOException if reading fails
   */
  public static CatalogSignature sign(InputStream document, KeyPair key) throws IOException {
    try {
      Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
      signer.initSign(key.getPrivate());
      signer.update(Statement.of(digest(document)));
      return new CatalogSignature(Ed25519Keys.keyId(key.getPublic()), signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** {@code signatures} with {@code added} in place of any earlier signature by the same key. */
  public static List<CatalogSignature> with(
      List<CatalogSignature> signatures, CatalogSignature added) {
    List<CatalogSignature> all = new ArrayList<>(signatures);
    all.removeIf(signature -> signature.keyId().equals(added.keyId()));
    all.add(added);
    return List.copyOf(all);
  }

  /** The SHA-256 of everything left in {@code in}, streaming. */
  static Sha256 digest(InputStream in) throws IOException {
    MessageDigest sha256 = VerifyingCopy.newSha256();
    try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    return Sha256.of(sha256.digest());
  }
}
