package io.patchbay.trust;

import io.patchbay.internal.fetch.VerifyingCopy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys for signing catalogs, with the JDK's own provider: generating a pair, key ids, and
 * PEM files that OpenSSL reads too.
 *
 * <p>A public key file holds one {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo). A private
 * key file holds a {@code PRIVATE KEY} block (PKCS#8) followed by the pair's {@code PUBLIC KEY}
 * block, because the key id of a signature is computed from the public key, which the JDK cannot
 * derive from a private one. Stateless and thread-safe.
 */
public final class Ed25519Keys {

  static final String ALGORITHM = "Ed25519";
  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (PUBLIC KEY|PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Ed25519Keys() {}

  /** A new key pair from the JDK's strong random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK lacks Ed25519 (Java 15 and later have it)", e);
    }
  }

  /**
   * The key id: the lowercase hexadecimal SHA-256 of the key's encoded form (SubjectPublicKeyInfo).
   */
  public static String keyId(PublicKey key) {
    return HexFormat.of().formatHex(VerifyingCopy.newSha256().digest(key.getEncoded()));
  }

  /**
   * Writes {@code key} as a public key file; refuses to overwrite.
   *
   * @throws FileAlreadyExistsException if {@code file} exists
   */
  public static void writePublic(PublicKey key, Path file) throws IOException {
    Files.writeString(file, pem("PUBLIC KEY", key.getEncoded()), StandardOpenOption.CREATE_NEW);
  }

  /**
   * Writes {@code pair} as a private key file readable by its owner only (where the file system has
   * POSIX permissions); refuses to overwrite.
   *
   * @throws FileAlreadyExistsException if {@code file} exists
   */
  public static void writePrivate(KeyPair pair, Path file) throws IOException {
    String text =
        pem("PRIVATE KEY", pair.getPrivate().getEncoded())
            + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      Files.writeString(file, text, StandardOpenOption.CREATE_NEW);
    }
  }

  /**
   * Reads a public key file (or the public half of a private key file).
   *
   * @throws InvalidKeyFileException if it holds no Ed25519 public key
   */
  public static PublicKey readPublic(Path file) throws IOException {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(block(file, "PUBLIC KEY")));
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyFileException(file, "not an Ed25519 public key: " + e.getMessage());
    }
  }

  /**
   * Reads a private key file as the key pair it holds.
   *
   * @throws InvalidKeyFileException if it lacks an Ed25519 private key or its public key, or the
   *     two do not belong together (signatures would name the wrong key)
   */
  public static KeyPair readPrivate(Path file) throws IOException {
    try {
      PrivateKey secret =
          KeyFactory.getInstance(ALGORITHM)
              .generatePrivate(new PKCS8EncodedKeySpec(block(file, "PRIVATE KEY")));
      KeyPair pair = new KeyPair(readPublic(file), secret);
      byte[] probe = "patchbay key pair check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(secret);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(pair.getPublic());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new InvalidKeyFileException(file, "its public key is not the private key's");
      }
      return pair;
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyFileException(file, "not an Ed25519 private key: " + e.getMessage());
    }
  }

  private static byte[] block(Path file, String type) throws IOException {
    Matcher matcher = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(matcher.group(2));
      }
    }
    throw new InvalidKeyFileException(file, "no PEM block \"" + type + "\"");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
