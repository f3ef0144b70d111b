package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS between a gateway and its devices, from PEM files: the operator's CA certificates,
 * which the peer's certificate must be issued by, and optionally this side's own certificate chain
 * and private key. A device needs all three; a gateway without its own certificate can still check
 * devices, but devices that require client certificates refuse it.
 *
 * <p>Only TLS 1.3 and 1.2 are offered. The files are read once, by {@link Builder#build()}; the
 * result is immutable and thread-safe.
 */
public final class TlsConfig {

  /** The protocol versions offered, newest first; older ones have known weaknesses. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]*)-----END \\1PRIVATE KEY-----");

  private final SSLContext sslContext;
  private final boolean hasIdentity;

  private TlsConfig(SSLContext sslContext, boolean hasIdentity) {
    this.sslContext = sslContext;
    this.hasIdentity = hasIdentity;
  }

  /** Starts a configuration that trusts the CA certificates in {@code trustedCertificates}. */
  public static Builder builder(Path trustedCertificates) {
    return new Builder(trustedCertificates);
  }

  /**
   * The context: its key manager presents this side's certificate, its trust manager accepts only
   * certificates issued by the trusted CAs.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Tells whether this side has a certificate of its own to present. */
  public boolean hasIdentity() {
    return hasIdentity;
  }

  /** The parameters every socket of this configuration uses: TLS 1.3 and 1.2 only. */
  SSLParameters parameters() {
    SSLParameters parameters = sslContext.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS.clone());
    return parameters;
  }

  /** Configures a {@link TlsConfig}; not thread-safe. */
  public static final class Builder {
    private final Path trustedCertificates;
    private Path certificateChain;
    private Path privateKey;

    private Builder(Path trustedCertificates) {
      this.trustedCertificates = Objects.requireNonNull(trustedCertificates);
    }

    /**
     * This side's certificate: {@code certificateChain} holds PEM {@code CERTIFICATE} blocks, its
     * own first, then any intermediates; {@code privateKey} holds its unencrypted PKCS #8 {@code
     * PRIVATE KEY} (RSA, EC or Ed25519), as {@code openssl req -newkey} and {@code openssl genpkey}
     * write it.
     */
    public Builder identity(Path certificateChain, Path privateKey) {
      this.certificateChain = Objects.requireNonNull(certificateChain);
      this.privateKey = Objects.requireNonNull(privateKey);
      return this;
    }

    /**
     * Reads the files and builds the configuration.
     *
     * @throws InvalidTlsFileException naming the file that cannot be read, holds no certificate or
     *     key, or whose key does not belong to the certificate
     */
    public TlsConfig build() {
      try {
        KeyStore trusted = emptyKeyStore();
        List<X509Certificate> authorities = certificates(trustedCertificates);
        for (int i = 0; i < authorities.size(); i++) {
          trusted.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);

        KeyManagerFactory keys = null;
        if (certificateChain != null) {
          List<X509Certificate> chain = certificates(certificateChain);
          PrivateKey key = privateKey(privateKey);
          requireMatch(key, chain.get(0));
          // The store lives only in memory: its password protects nothing, but PKCS #12 wants one.
          char[] password = UUID.randomUUID().toString().toCharArray();
          KeyStore own = emptyKeyStore();
          own.setKeyEntry("identity", key, password, chain.toArray(new Certificate[0]));
          keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          keys.init(own, password);
        }

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
            keys == null ? null : keys.getKeyManagers(),
            trust.getTrustManagers(),
            new SecureRandom());
        return new TlsConfig(context, keys != null);
      } catch (GeneralSecurityException | IOException e) {
        // The JDK always has PKCS12, TLS and the default factories; this is a broken runtime.
        throw new IllegalStateException("The JDK cannot set up TLS: " + e.getMessage(), e);
      }
    }

    private void requireMatch(PrivateKey key, X509Certificate certificate) {
      String algorithm =
          switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
          };
      try {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        if (verifier.verify(signature)) {
          return;
        }
      } catch (GeneralSecurityException e) {
        // A key of another algorithm than the certificate's: it does not match either.
      }
      throw new InvalidTlsFileException(
          privateKey,
          "the key does not belong to the certificate "
              + certificate.getSubjectX500Principal().getName()
              + " in "
              + certificateChain);
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  /** The PEM certificates in {@code file}, at least one. */
  private static List<X509Certificate> certificates(Path file) {
    Collection<? extends Certificate> read;
    try (InputStream in = Files.newInputStream(file)) {
      read = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new InvalidTlsFileException(file, "cannot be read: " + e, e);
    } catch (CertificateException e) {
      throw new InvalidTlsFileException(
          file, "is not a PEM certificate file: " + e.getMessage(), e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : read) {
      certificates.add((X509Certificate) certificate);
    }
    if (certificates.isEmpty()) {
      throw new InvalidTlsFileException(file, "holds no CERTIFICATE block");
    }
    return certificates;
  }

  /** The unencrypted PKCS #8 private key in {@code file}. */
  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidTlsFileException(file, "cannot be read: " + e, e);
    }
    Matcher block = PRIVATE_KEY.matcher(pem);
    if (!block.find()) {
      throw new InvalidTlsFileException(file, "holds no PEM PRIVATE KEY block");
    }
    if (!block.group(1).isEmpty()) {
      throw new InvalidTlsFileException(
          file,
          "holds a "
              + block.group(1)
              + "PRIVATE KEY; give an unencrypted PKCS #8 PRIVATE KEY"
              + " (openssl pkcs8 -topk8 -nocrypt converts one)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(block.group(2));
    } catch (IllegalArgumentException e) {
      throw new InvalidTlsFileException(file, "the PRIVATE KEY block is not valid Base64", e);
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // Not a key of this algorithm: try the next one.
      }
    }
    throw new InvalidTlsFileException(file, "the PRIVATE KEY is not an RSA, EC or Ed25519 key");
  }
}
