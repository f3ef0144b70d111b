package io.patchbay.transport.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.ArtifactVerificationException;
import io.patchbay.format.FormatException;
import io.patchbay.format.ManifestJson;
import io.patchbay.format.SignatureJson;
import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.internal.device.DeviceStore;
import io.patchbay.internal.device.StoredDeviceAgent;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.EntryProof;
import io.patchbay.model.FileEntry;
import io.patchbay.model.FileNames;
import io.patchbay.model.InvalidDigestException;
import io.patchbay.model.InvalidFileNameException;
import io.patchbay.model.Sha256;
import io.patchbay.trust.TrustException;
import io.patchbay.version.InvalidVersionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference device of the HTTP device protocol (docs/protocol-http.md), on the JDK's built-in
 * HTTP server: it keeps files under a directory, receives each into a temporary file, verifies size
 * and digest, checks with its {@link DeviceTrust} that the head end signed exactly that file (the
 * proof travels in the {@code Patchbay-Proof} header), installs it with an atomic rename and
 * records it in a manifest that survives restarts. Java-capable clients can run it as is; tests and
 * the demo use it as a real device.
 *
 * <p>State lives in {@code <directory>/.patchbay/}: {@code manifest.json} and {@code incoming/} for
 * transfers in progress (emptied at start). That name is reserved: files cannot be sent there.
 * Thread-safe; transfers of different files run concurrently. A {@link
 * io.patchbay.device.DeviceAgent}, like the reference device of every transport.
 */
public final class HttpDeviceAgent extends StoredDeviceAgent {

  private static final Logger LOG = LoggerFactory.getLogger(HttpDeviceAgent.class);

  private final long maxFileSize;
  private final DeviceTrust trust;
  private final HttpServer server;
  private final ExecutorService workers;
  private final Set<String> receiving = ConcurrentHashMap.newKeySet();

  private HttpDeviceAgent(Builder builder) throws IOException {
    super(builder.directory);
    this.trust = builder.trust;
    this.maxFileSize = builder.maxFileSize;
    this.server = listen(builder.address, builder.tls);
    this.workers =
        Executors.newFixedThreadPool(builder.threads, DaemonThreads.numbered("patchbay-device"));
    server.setExecutor(workers);
    server.createContext(DevicePaths.MANIFEST, this::serveManifest);
    server.createContext(DevicePaths.FILES, this::receiveFile);
    server.start();
    trust.warnIfInsecure("HTTP device at " + endpoint());
  }

  /**
   * A plain HTTP server, or with {@code tls} an HTTPS one that requires a client certificate issued
   * by its CA: a gateway without one is refused during the handshake, before any request is read.
   */
  private static HttpServer listen(InetSocketAddress address, TlsConfig tls) throws IOException {
    if (tls == null) {
      return HttpServer.create(address, 50);
    }
    HttpsServer server = HttpsServer.create(address, 50);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls.sslContext()) {
          @Override
          public void configure(HttpsParameters parameters) {
            SSLParameters ssl = tls.parameters();
            ssl.setNeedClientAuth(true);
            parameters.setSSLParameters(ssl);
          }
        });
    return server;
  }

  /**
   * Starts configuring an agent that keeps its files under {@code directory} and installs what
   * {@code trust} allows: {@link DeviceTrust#verifiedBy} for a device that installs only what the
   * head end signed, {@link DeviceTrust#insecure()} for a lab device that installs anything.
   */
  public static Builder builder(Path directory, DeviceTrust trust) {
    return new Builder(directory, trust);
  }

  @Override
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    String scheme = server instanceof HttpsServer ? "https://" : "http://";
    return URI.create(
        scheme + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void serveManifest(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      ManifestJson.write(manifest(), json);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, json.size());
      exchange.getResponseBody().write(json.toByteArray());
    }
  }

  private void receiveFile(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      if (!exchange.getRequestMethod().equals("PUT")) {
        exchange.getResponseHeaders().set("Allow", "PUT");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Problem problem = receive(exchange, body);
      // Read what the gateway still sends before answering: closing a socket with unread data
      // makes TCP reset the connection, and the gateway would lose our answer.
      body.transferTo(OutputStream.nullOutputStream());
      if (problem == null) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        byte[] answer = problem.toBytes();
        exchange.getResponseHeaders().set("Content-Type", Problem.MEDIA_TYPE);
        exchange.sendResponseHeaders(problem.status(), answer.length);
        exchange.getResponseBody().write(answer);
      }
    }
  }

  /** Receives and installs one file; returns the problem to answer, or {@code null} on success. */
  private Problem receive(HttpExchange exchange, InputStream body) throws IOException {
    String name = exchange.getRequestURI().getPath().substring(DevicePaths.FILES.length());
    try {
      FileNames.requireValid(name);
    } catch (InvalidFileNameException e) {
      return new Problem(Problem.INVALID_NAME, "Invalid file name", 400, e.getMessage());
    }
    if (DeviceStore.isReserved(name)) {
      return new Problem(
          Problem.INVALID_NAME,
          "Invalid file name",
          400,
          DeviceStore.STATE + " is reserved for the agent");
    }
    FileEntry announced;
    try {
      announced = announced(name, exchange);
    } catch (IllegalArgumentException e) {
      return new Problem(Problem.INVALID_REQUEST, "Invalid request", 400, e.getMessage());
    }
    Optional<EntryProof> proof;
    try {
      proof = proof(exchange.getRequestHeaders().getFirst(DevicePaths.PROOF_HEADER));
    } catch (InvalidProofException e) {
      return new Problem(Problem.INVALID_PROOF, "Invalid proof", e.status, e.getMessage());
    }
    if (announced.size() > maxFileSize) {
      return new Problem(
          Problem.TOO_LARGE,
          "Too large",
          413,
          announced.size() + " bytes exceed this device's limit of " + maxFileSize);
    }
    if (store().usableSpace() < announced.size()) {
      return new Problem(
          Problem.NO_SPACE, "No space", 507, "not enough space for " + announced.size() + " bytes");
    }
    if (!receiving.add(name)) {
      return new Problem(Problem.BUSY, "Busy", 409, "a transfer of " + name + " is in progress");
    }
    Path temporary = store().newIncomingFile("put-");
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        VerifyingCopy.copy(
            body,
            Channels.newOutputStream(out),
            name,
            announced.size(),
            announced.sha256(),
            bytes -> {});
        out.force(true);
      }
      // The copy checked the bytes' count and SHA-256 against the announced ones: this is now
      // what the device itself received, and the only thing the proof may vouch for.
      FileEntry received = announced;
      trust.check(proof, received);
      store().installVerified(temporary, received);
      LOG.info("Installed {} {} ({} bytes)", name, announced.version(), announced.size());
      return null;
    } catch (ArtifactVerificationException e) {
      return new Problem(Problem.DIGEST_MISMATCH, "Digest mismatch", 422, e.getMessage());
    } catch (TrustException e) {
      LOG.warn("Refused {} {} ({}): {}", name, announced.version(), e.refusal(), e.getMessage());
      return Problem.untrusted(e);
    } finally {
      receiving.remove(name);
      Files.deleteIfExists(temporary);
    }
  }

  /** The file as the request announces it, from its headers. */
  private static FileEntry announced(String name, HttpExchange exchange) {
    Headers headers = exchange.getRequestHeaders();
    String length = headers.getFirst("Content-Length");
    String version = headers.getFirst(DevicePaths.VERSION_HEADER);
    Sha256 digest = ReprDigest.sha256(headers.getFirst(DevicePaths.DIGEST_HEADER));
    if (length == null || version == null) {
      throw new IllegalArgumentException(
          "Content-Length and " + DevicePaths.VERSION_HEADER + " are required");
    }
    try {
      return new FileEntry(name, version, digest, Long.parseLong(length.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Malformed Content-Length", e);
    } catch (InvalidVersionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The proof in a {@code Patchbay-Proof} header, if there is one: base64url (RFC 4648, section 5;
   * padding optional) of the proof's JSON ({@link SignatureJson#writeProof}).
   */
  private static Optional<EntryProof> proof(String header) throws InvalidProofException {
    if (header == null) {
      return Optional.empty();
    }
    if (header.length() > DevicePaths.MAX_PROOF_HEADER) {
      throw new InvalidProofException(
          431,
          DevicePaths.PROOF_HEADER
              + " of "
              + header.length()
              + " characters exceeds the limit of "
              + DevicePaths.MAX_PROOF_HEADER);
    }
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(header.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException(
          400, DevicePaths.PROOF_HEADER + " is not base64url: " + e.getMessage());
    }
    try {
      return Optional.of(SignatureJson.readProof(new ByteArrayInputStream(json)));
    } catch (FormatException e) {
      throw new InvalidProofException(
          400, DevicePaths.PROOF_HEADER + " is not a valid proof: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException("Reading from memory cannot fail", e);
    }
  }

  /** A {@code Patchbay-Proof} header the device cannot read, with the status to answer. */
  private static final class InvalidProofException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    InvalidProofException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** Parses the SHA-256 member of an RFC 9530 {@code Repr-Digest} dictionary. */
  static final class ReprDigest {
    private ReprDigest() {}

    static Sha256 sha256(String header) {
      if (header == null) {
        throw new IllegalArgumentException(DevicePaths.DIGEST_HEADER + " is required");
      }
      for (String member : header.split(",", -1)) {
        String[] keyValue = member.trim().split("=", 2);
        if (keyValue.length == 2 && keyValue[0].trim().equals("sha-256")) {
          String value = keyValue[1].trim();
          if (value.length() < 2
              || value.charAt(0) != ':'
              || value.charAt(value.length() - 1) != ':') {
            throw new IllegalArgumentException("sha-256 must be a byte sequence, :base64:");
          }
          try {
            return Sha256.of(Base64.getDecoder().decode(value.substring(1, value.length() - 1)));
          } catch (IllegalArgumentException | InvalidDigestException e) {
            throw new IllegalArgumentException(
                "Malformed sha-256 in " + DevicePaths.DIGEST_HEADER, e);
          }
        }
      }
      throw new IllegalArgumentException(DevicePaths.DIGEST_HEADER + " has no sha-256 member");
    }
  }

  /** Configures an {@link HttpDeviceAgent}; not thread-safe. */
  public static final class Builder {
    private final Path directory;
    private final DeviceTrust trust;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private long maxFileSize = Long.MAX_VALUE;
    private int threads = 4;
    private TlsConfig tls;

    private Builder(Path directory, DeviceTrust trust) {
      this.directory = Objects.requireNonNull(directory);
      this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** Where to listen; defaults to an ephemeral port on the loopback address. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address);
      return this;
    }

    /**
     * The largest file accepted; larger ones are refused with {@code 413}. Defaults to no limit.
     */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = bytes;
      return this;
    }

    /** How many requests are served at once; defaults to 4. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Serves HTTPS with mutual TLS: presents the config's certificate and accepts only gateways
     * that present one issued by its CA. Defaults to plain HTTP, for labs.
     *
     * @throws IllegalArgumentException if the config has no certificate of its own
     */
    public Builder tls(TlsConfig tls) {
      if (!tls.hasIdentity()) {
        throw new IllegalArgumentException("A device serving HTTPS needs a certificate and key");
      }
      this.tls = tls;
      return this;
    }

    /**
     * Starts the agent.
     *
     * @throws IOException if the directory cannot be prepared or the address cannot be bound
     */
    public HttpDeviceAgent start() throws IOException {
      return new HttpDeviceAgent(this);
    }
  }
}
