package io.patchbay.transport.mender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA 3072 key pair made with openssl for signing artifacts, as an operator makes one for {@code
 * mender-artifact sign}: {@code private.pem} (PKCS #8) and {@code public.pem}, the devices' {@code
 * ArtifactVerifyKey}.
 */
record MenderKeys(Path privatePem, Path publicPem) {

  static MenderKeys make(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path privatePem = directory.resolve("private.pem");
    Path publicPem = directory.resolve("public.pem");
    // mender-artifact 3.9 reads only PKCS #1 ("traditional") RSA keys.
    MenderHeadEnd.run(
        directory, "openssl", "genrsa", "-traditional", "-out", privatePem.toString(), "3072");
    MenderHeadEnd.run(
        directory,
        "openssl",
        "rsa",
        "-in",
        privatePem.toString(),
        "-pubout",
        "-out",
        publicPem.toString());
    MenderHeadEnd.run(
        directory,
        "openssl",
        "pkcs8",
        "-topk8",
        "-nocrypt",
        "-in",
        privatePem.toString(),
        "-out",
        directory.resolve("private-pkcs8.pem").toString());
    return new MenderKeys(privatePem, publicPem);
  }

  /** The private key, for the gateway to sign what it wraps. */
  PrivateKey privateKey() throws IOException, GeneralSecurityException {
    String base64 =
        Files.readString(privatePem.resolveSibling("private-pkcs8.pem"))
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  /** {@code artifact} signed with this key by {@code mender-artifact sign}, as {@code signed}. */
  Path sign(Path artifact, Path signed) throws IOException {
    MenderHeadEnd.run(
        artifact.getParent(),
        "mender-artifact",
        "sign",
        "-k",
        privatePem.toString(),
        "-o",
        signed.toString(),
        artifact.toString());
    return signed;
  }
}
