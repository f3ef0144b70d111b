package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading TLS material that openssl wrote, and the errors for files that are not usable. */
@Tag("interop")
class TlsConfigTest {

  @TempDir Path home;

  private OpensslCertificates ca;

  @BeforeEach
  void makeCertificates() throws Exception {
    ca = OpensslCertificates.newCa(home, "ca").issueDevice("device").issueGateway("gateway");
  }

  @Test
  void readsRsaAndEcIdentitiesOfferingOnlyTls12And13() {
    TlsConfig rsa = ca.tls("device");
    TlsConfig ec = ca.tls("gateway");

    assertThat(rsa.hasIdentity()).isTrue();
    assertThat(ec.hasIdentity()).isTrue();
    assertThat(rsa.parameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingTheKeyFile() {
    assertThatThrownBy(
            () ->
                TlsConfig.builder(ca.certificate())
                    .identity(ca.certificate("device"), ca.key("gateway"))
                    .build())
        .isInstanceOf(InvalidTlsFileException.class)
        .hasMessageContaining(ca.key("gateway").toString())
        .hasMessageContaining("does not belong to the certificate CN=device");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = home.resolve("missing.pem");

    assertThatThrownBy(() -> TlsConfig.builder(missing).build())
        .isInstanceOf(InvalidTlsFileException.class)
        .hasMessageContaining(missing.toString())
        .extracting(e -> ((InvalidTlsFileException) e).file())
        .isEqualTo(missing);
  }

  @Test
  void aKeyFileGivenAsCertificateIsRefused() {
    assertThatThrownBy(
            () ->
                TlsConfig.builder(ca.key("device"))
                    .identity(ca.certificate("device"), ca.key("device"))
                    .build())
        .isInstanceOf(InvalidTlsFileException.class)
        .hasMessageContaining(ca.key("device").toString());
  }

  @Test
  void aTraditionalOrEncryptedKeyIsRefusedSayingWhatToGive() throws Exception {
    Path traditional = home.resolve("traditional.key");
    Files.writeString(
        traditional, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

    assertThatThrownBy(
            () ->
                TlsConfig.builder(ca.certificate())
                    .identity(ca.certificate("gateway"), traditional)
                    .build())
        .isInstanceOf(InvalidTlsFileException.class)
        .hasMessageContaining(traditional.toString())
        .hasMessageContaining("EC PRIVATE KEY")
        .hasMessageContaining("PKCS #8");
  }

  @Test
  void aCertificateFileWithoutCertificatesIsRefused() throws Exception {
    Path empty = Files.writeString(home.resolve("empty.pem"), "");

    assertThatThrownBy(() -> TlsConfig.builder(empty).build())
        .isInstanceOf(InvalidTlsFileException.class)
        .hasMessageContaining(empty.toString());
  }
}
