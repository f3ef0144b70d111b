package io.patchbay.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One signature over a catalog's bytes, as the signature file lists it: which key made it and the
 * signature itself. Nothing here says whether it is valid; {@link io.patchbay.trust} decides.
 *
 * @param keyId the lowercase hexadecimal SHA-256 of the signing key's encoded public key
 * @param signature the signature bytes (64 for Ed25519); copied in and out
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, as the javadoc says
public record CatalogSignature(String keyId, byte[] signature) {

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if the key id is not 64 lowercase hexadecimal characters or
   *     the signature is empty
   */
  public CatalogSignature {
    requireKeyId(keyId);
    if (signature.length == 0) {
      throw new IllegalArgumentException("Empty signature by key " + keyId);
    }
    signature = signature.clone();
  }

  /**
   * Returns {@code keyId} if it is a key id.
   *
   * @throws IllegalArgumentException if it is not 64 lowercase hexadecimal characters
   */
  public static String requireKeyId(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.length() != 64
        || !keyId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException(
          "A key id is 64 lowercase hexadecimal characters, not " + keyId);
    }
    return keyId;
  }

  /** The signature bytes; a fresh copy on every call. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CatalogSignature that
        && keyId.equals(that.keyId)
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "CatalogSignature[keyId="
        + keyId
        + ", signature="
        + HexFormat.of().formatHex(signature)
        + "]";
  }
}
