package io.patchbay.transport.http;

import io.patchbay.testkit.ProcessPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA made with the real {@code openssl} binary (Debian package, installed by {@code
 * .ci/run}), and certificates it issues, as an operator would make them (docs/tls.md). Public so
 * that the command line's tests use it too. A missing openssl fails the test.
 */
public final class OpensslCertificates {

  private final Path directory;
  private final String name;

  private OpensslCertificates(Path directory, String name) {
    this.directory = directory;
    this.name = name;
  }

  /** A new CA named {@code name}, with an EC P-256 key, its files in {@code directory}. */
  public static OpensslCertificates newCa(Path directory, String name)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    OpensslCertificates ca = new OpensslCertificates(directory, name);
    ca.openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        ca.key(name).toString(),
        "-out",
        ca.certificate().toString(),
        "-days",
        "2",
        "-subj",
        "/CN=" + name);
    return ca;
  }

  /** The CA's certificate (PEM), what both sides trust. */
  public Path certificate() {
    return directory.resolve(name + ".pem");
  }

  /** The certificate file (PEM) of what {@link #issue} made as {@code subject}. */
  public Path certificate(String subject) {
    return directory.resolve(subject + ".pem");
  }

  /** The private key file (PKCS #8 PEM) of what {@link #issue} made as {@code subject}. */
  public Path key(String subject) {
    return directory.resolve(subject + ".key");
  }

  /**
   * A device certificate for {@code subject}, for serving on loopback: RSA 2048, IP address SANs
   * 127.0.0.1 and ::1, for server authentication.
   */
  public OpensslCertificates issueDevice(String subject) throws IOException, InterruptedException {
    return issue(
        subject, "rsa:2048", "subjectAltName=IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n");
  }

  /** A gateway certificate for {@code subject}: EC P-256, for client authentication. */
  public OpensslCertificates issueGateway(String subject) throws IOException, InterruptedException {
    return issue(subject, "ec", "extendedKeyUsage=clientAuth\n");
  }

  /** A device certificate that names {@code address} only, such as an address we do not dial. */
  public OpensslCertificates issueDeviceFor(String subject, String address)
      throws IOException, InterruptedException {
    return issue(
        subject, "rsa:2048", "subjectAltName=IP:" + address + "\nextendedKeyUsage=serverAuth\n");
  }

  /** The files' configuration for one side: the CA's certificate and the subject's identity. */
  public TlsConfig tls(String subject) {
    return TlsConfig.builder(certificate()).identity(certificate(subject), key(subject)).build();
  }

  private OpensslCertificates issue(String subject, String newKey, String extensions)
      throws IOException, InterruptedException {
    Path request = directory.resolve(subject + ".csr");
    Path extensionFile = directory.resolve(subject + ".ext");
    Files.writeString(extensionFile, extensions);
    List<String> newRequest =
        new ArrayList<>(
            List.of("req", "-newkey", newKey, "-nodes", "-keyout", key(subject).toString()));
    if (newKey.equals("ec")) {
      newRequest.addAll(List.of("-pkeyopt", "ec_paramgen_curve:prime256v1"));
    }
    newRequest.addAll(List.of("-out", request.toString(), "-subj", "/CN=" + subject));
    openssl(newRequest.toArray(String[]::new));
    openssl(
        "x509",
        "-req",
        "-in",
        request.toString(),
        "-CA",
        certificate().toString(),
        "-CAkey",
        key(name).toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        extensionFile.toString(),
        "-out",
        certificate(subject).toString());
    return this;
  }

  private void openssl(String... arguments) throws IOException, InterruptedException {
    Path binary = ProcessPeer.installed(Path.of("/usr/bin/openssl"), "openssl");
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(arguments));
    ProcessPeer.Finished finished = ProcessPeer.run(Duration.ofSeconds(60), directory, command);
    if (finished.exitCode() != 0) {
      throw new IllegalStateException(command + " failed: " + finished.output());
    }
  }
}
