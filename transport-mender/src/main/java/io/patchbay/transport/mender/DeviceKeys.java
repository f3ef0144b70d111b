package io.patchbay.transport.mender;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads the public key a Mender client presents in its authentication request (PEM, {@code PUBLIC
 * KEY}) and checks the request's {@code X-MEN-Signature}: the base64 signature of the request body
 * by the client's private key. RSA keys (the client's default, 3072 bits) sign with PKCS #1 v1.5
 * over SHA-256, ECDSA keys with SHA-256 (DER signature), Ed25519 keys as Ed25519. Stateless.
 */
final class DeviceKeys {

  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519");

  private DeviceKeys() {}

  /** The key in {@code pem}, or {@code null} if it is not a PEM public key of a supported type. */
  static PublicKey parse(String pem) {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not a key of this type: try the next.
      }
    }
    return null;
  }

  /** Tells whether {@code signatureBase64} is {@code key}'s signature of {@code body}. */
  static boolean verifies(PublicKey key, byte[] body, String signatureBase64) {
    if (signatureBase64 == null) {
      return false;
    }
    try {
      Signature signature =
          Signature.getInstance(
              switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> "Ed25519";
              });
      signature.initVerify(key);
      signature.update(body);
      return signature.verify(Base64.getDecoder().decode(signatureBase64.trim()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
