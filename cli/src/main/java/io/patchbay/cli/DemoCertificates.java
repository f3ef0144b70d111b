package io.patchbay.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's throw-away operator CA and the device and gateway certificates it issues, made at
 * every start (EC P-256, valid for a day) and written as PEM files, as {@code openssl} would write
 * them, so that the demo runs on a machine with only a JDK and no demo key outlives its run.
 */
final class DemoCertificates {

  /** Where the PEM files were written. */
  record Files(
      Path ca, Path deviceCertificate, Path deviceKey, Path gatewayCertificate, Path gatewayKey) {}

  private static final Duration VALIDITY = Duration.ofDays(1);

  private DemoCertificates() {}

  /** Makes the CA and both certificates into {@code directory}. */
  static Files generate(Path directory) throws IOException {
    java.nio.file.Files.createDirectories(directory);
    try {
      KeyPair caKey = newKey();
      X500Name caName = new X500Name("CN=Patchbay demo CA");
      X509Certificate ca =
          sign(
              builder(caName, caName, caKey)
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              caKey);
      KeyPair deviceKey = newKey();
      X509Certificate device =
          sign(
              leaf(caName, "CN=Patchbay demo device", deviceKey, KeyPurposeId.id_kp_serverAuth)
                  // The devices listen on loopback; the gateway checks the address it dials.
                  .addExtension(
                      Extension.subjectAlternativeName,
                      false,
                      new GeneralNames(
                          new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.iPAddress, "::1")
                          })),
              caKey);
      KeyPair gatewayKey = newKey();
      X509Certificate gateway =
          sign(
              leaf(caName, "CN=Patchbay demo gateway", gatewayKey, KeyPurposeId.id_kp_clientAuth),
              caKey);
      return new Files(
          certificate(directory.resolve("ca.pem"), ca),
          certificate(directory.resolve("device.pem"), device),
          key(directory.resolve("device.key"), deviceKey),
          certificate(directory.resolve("gateway.pem"), gateway),
          key(directory.resolve("gateway.key"), gatewayKey));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      // The JDK always has EC P-256 and SHA256withECDSA; this is a broken runtime.
      throw new IllegalStateException("Cannot make the demo's certificates: " + e, e);
    }
  }

  private static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, new SecureRandom()),
        // An hour back, so a clock a little behind ours still accepts it.
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        key.getPublic());
  }

  private static X509v3CertificateBuilder leaf(
      X500Name issuer, String subject, KeyPair key, KeyPurposeId purpose) throws CertIOException {
    return builder(issuer, new X500Name(subject), key)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKey)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }

  private static Path certificate(Path file, X509Certificate certificate)
      throws IOException, GeneralSecurityException {
    return pem(file, "CERTIFICATE", certificate.getEncoded());
  }

  /** The key as PKCS #8, which is what the JDK encodes private keys as. */
  private static Path key(Path file, KeyPair key) throws IOException {
    return pem(file, "PRIVATE KEY", key.getPrivate().getEncoded());
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return java.nio.file.Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }
}
