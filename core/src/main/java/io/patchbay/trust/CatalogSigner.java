package io.patchbay.trust;

import io.patchbay.format.CatalogJson;
import io.patchbay.format.JsonLimits;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.MerkleTree;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs, for head ends: makes the {@link CatalogStatement} of a catalog document and signs it, or a
 * {@link RootDocument}, with one key (see {@code docs/signing.md}). Stateless and thread-safe.
 */
public final class CatalogSigner {

  private CatalogSigner() {}

  /**
   * The statement about the catalog document read from {@code document}, to its end: its SHA-256,
   * and its repository, serial, expiry, entry count and Merkle root.
   *
   * @throws IllegalArgumentException if the catalog names no repository
   * @throws io.patchbay.format.FormatException if it is not a valid catalog
   * @throws IOException if reading fails
   */
  public static CatalogStatement statement(InputStream document, JsonLimits limits)
      throws IOException {
    MessageDigest sha256 = VerifyingCopy.newSha256();
    Catalog catalog;
    try (DigestInputStream digesting = new DigestInputStream(document, sha256)) {
      catalog = CatalogJson.read(digesting, limits);
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    if (catalog.repository() == null) {
      throw new IllegalArgumentException(
          "The catalog names no repository, so no statement can bind it to one;"
              + " build it with a repository id");
    }
    MerkleTree tree = MerkleTree.of(catalog.entries());
    return new CatalogStatement(
        catalog.repository(),
        catalog.serial(),
        catalog.expires(),
        Sha256.of(sha256.digest()),
        tree.size(),
        tree.root());
  }

  /** The signature of {@code key} over {@code text} (a statement's or root document's). */
  public static CatalogSignature sign(String text, KeyPair key) {
    try {
      Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
      signer.initSign(key.getPrivate());
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      return new CatalogSignature(Ed25519Keys.keyId(key.getPublic()), signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /**
   * {@code statement} signed by each of {@code keys}, with the root documents a verifier may need
   * to reach today's keys: the content of a signature file.
   */
  public static SignedStatement sign(
      CatalogStatement statement, List<KeyPair> keys, List<SignedRoot> roots) {
    String text = statement.text();
    return new SignedStatement(text, signatures(text, keys), roots);
  }

  /** {@code root} signed by each of {@code keys}. */
  public static SignedRoot sign(RootDocument root, List<KeyPair> keys) {
    String text = root.text();
    return new SignedRoot(text, signatures(text, keys));
  }

  private static List<CatalogSignature> signatures(String text, List<KeyPair> keys) {
    List<CatalogSignature> signatures = new ArrayList<>();
    keys.forEach(key -> signatures.add(sign(text, key)));
    return List.copyOf(signatures);
  }

  /** {@code signatures} with {@code added} in place of any earlier signature by the same key. */
  public static List<CatalogSignature> with(
      List<CatalogSignature> signatures, CatalogSignature added) {
    List<CatalogSignature> all = new ArrayList<>(signatures);
    all.removeIf(signature -> signature.keyId().equals(added.keyId()));
    all.add(added);
    return List.copyOf(all);
  }
}
