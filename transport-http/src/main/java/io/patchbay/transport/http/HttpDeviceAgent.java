package io.patchbay.transport.http;

import io.patchbay.device.DeviceTrust;
import io.patchbay.fetch.ArtifactVerificationException;
import io.patchbay.format.FormatException;
import io.patchbay.format.ManifestJson;
import io.patchbay.format.SignatureJson;
import io.patchbay.internal.device.DeviceStore;
import io.patchbay.internal.device.StoredDeviceAgent;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.internal.jetty.LimitedServer;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference device of the HTTP device protocol (docs/protocol-http.md), served by Jetty: it
 * keeps files under a directory, receives each into a temporary file, verifies size and digest,
 * checks with its {@link DeviceTrust} that the head end signed exactly that file (the proof travels
 * in the {@code Patchbay-Proof} header), installs it with an atomic rename and records it in a
 * manifest that survives restarts. Java-capable clients can run it as is; tests and the demo use it
 * as a real device.
 *
 * <p>State lives in {@code <directory>/.patchbay/}: {@code manifest.json} and {@code incoming/} for
 * transfers in progress (emptied at start). That name is reserved: files cannot be sent there.
 * Thread-safe; transfers of different files run concurrently. A {@link
 * io.patchbay.device.DeviceAgent}, like the reference device of every transport.
 *
 * <p>Slow or idle peers are cut off by the limits of its {@link Builder}: a deadline for each
 * request's header, an idle timeout and a minimum rate for bodies, and connection limits per remote
 * address and in all (docs/protocol-http.md, "Server limits"). A transfer cut off releases its file
 * and installs nothing.
 */
public final class HttpDeviceAgent extends StoredDeviceAgent {

  private static final Logger LOG = LoggerFactory.getLogger(HttpDeviceAgent.class);

  private final long maxFileSize;
  private final DeviceTrust trust;
  private final ServerLimits limits;
  private final LimitedServer server;
  private final Set<String> receiving = ConcurrentHashMap.newKeySet();
  private final Semaphore transfers;

  private HttpDeviceAgent(Builder builder) throws IOException {
    super(builder.directory);
    this.trust = builder.trust;
    this.maxFileSize = builder.maxFileSize;
    this.limits = builder.limits;
    // A transfer holds a worker while its body arrives: one is always left for the manifest.
    this.transfers = new Semaphore(Math.max(1, builder.threads - 1));
    this.server =
        HttpServers.start(
            "patchbay-device",
            builder.address,
            limits,
            builder.threads,
            builder.tls,
            // Ambiguous paths (an encoded "/" or "..") reach the handler, which checks every name
            // with FileNames and refuses with a problem document.
            UriCompliance.UNSAFE,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback)
                  throws IOException {
                route(request, response, callback);
                return true;
              }
            });
    trust.warnIfInsecure("HTTP device at " + endpoint());
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
    return server.origin();
  }

  @Override
  public void close() {
    server.close();
  }

  /** The server under this agent; for tests of its limits. */
  LimitedServer server() {
    return server;
  }

  /** How many files are being received now; for tests. */
  int receiving() {
    return receiving.size();
  }

  private void route(Request request, Response response, Callback callback) throws IOException {
    String path = request.getHttpURI().getPath();
    if (path.equals(DevicePaths.MANIFEST)) {
      serveManifest(request, response, callback);
    } else if (path.startsWith(DevicePaths.FILES)) {
      receiveFile(request, response, callback);
    } else {
      Response.writeError(request, response, callback, 404);
    }
  }

  private void serveManifest(Request request, Response response, Callback callback)
      throws IOException {
    if (!request.getMethod().equals("GET")) {
      refuseMethod(response, callback, "GET");
      return;
    }
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    ManifestJson.write(manifest(), json);
    answer(response, callback, 200, "application/json", json.toByteArray());
  }

  private void receiveFile(Request request, Response response, Callback callback)
      throws IOException {
    if (!request.getMethod().equals("PUT")) {
      refuseMethod(response, callback, "PUT");
      return;
    }
    InputStream body =
        new RequestBody(
            Request.asInputStream(request),
            limits.minimumBytesPerSecond(),
            limits.minimumRateWindow());
    Problem problem;
    try {
      problem = receive(request, body);
      // Read what the gateway still sends before answering: closing a socket with unread data
      // makes TCP reset the connection, and the gateway would lose our answer. Up to a bound:
      // past it, Jetty closes the connection after the answer.
      drain(body);
    } catch (RequestBody.CutOffException e) {
      // Too slow, idle for the idle timeout, or the peer went away: the file was released and
      // nothing installed. The answer says so, if the peer still reads, and the connection closes.
      LOG.warn("Cut off a transfer from {}: {}", Request.getRemoteAddr(request), e.getMessage());
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      problem = new Problem(Problem.INVALID_REQUEST, "Request timeout", 408, e.getMessage());
    }
    if (problem == null) {
      response.setStatus(204);
      callback.succeeded();
    } else {
      answer(response, callback, problem.status(), Problem.MEDIA_TYPE, problem.toBytes());
    }
  }

  private static void refuseMethod(Response response, Callback callback, String allowed) {
    response.setStatus(405);
    response.getHeaders().put(HttpHeader.ALLOW, allowed);
    callback.succeeded();
  }

  private static void answer(
      Response response, Callback callback, int status, String mediaType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, mediaType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Reads and discards at most {@link ServerLimits#maxDrain()} bytes of what is left. */
  private void drain(InputStream body) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    for (long left = limits.maxDrain(); left > 0; ) {
      int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  /** Receives and installs one file; returns the problem to answer, or {@code null} on success. */
  private Problem receive(Request request, InputStream body) throws IOException {
    String name;
    try {
      name =
          URIUtil.decodePath(request.getHttpURI().getPath()).substring(DevicePaths.FILES.length());
    } catch (IllegalArgumentException e) {
      return new Problem(
          Problem.INVALID_NAME, "Invalid file name", 400, "the path is not valid percent-encoding");
    }
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
      announced = announced(name, request.getHeaders());
    } catch (IllegalArgumentException e) {
      return new Problem(Problem.INVALID_REQUEST, "Invalid request", 400, e.getMessage());
    }
    Optional<EntryProof> proof;
    try {
      proof = proof(request.getHeaders().get(DevicePaths.PROOF_HEADER));
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
    if (!transfers.tryAcquire()) {
      return new Problem(
          Problem.UNAVAILABLE,
          "Unavailable",
          503,
          "as many transfers as this device receives at once are in progress");
    }
    try {
      return receive(name, announced, proof, body);
    } finally {
      transfers.release();
    }
  }

  private Problem receive(
      String name, FileEntry announced, Optional<EntryProof> proof, InputStream body)
      throws IOException {
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
  private static FileEntry announced(String name, HttpFields headers) {
    String length = headers.get(HttpHeader.CONTENT_LENGTH);
    String version = headers.get(DevicePaths.VERSION_HEADER);
    Sha256 digest = ReprDigest.sha256(headers.get(DevicePaths.DIGEST_HEADER));
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
    private ServerLimits limits = ServerLimits.DEVICE;

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

    /**
     * How many requests are served at once; defaults to 4. A transfer holds one while its file
     * arrives, so at most one fewer files are received at once (at least one): the manifest can
     * always be read, and a further transfer is answered {@code 503}, which the gateway retries.
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * How long a connection may take to send a request's complete header, counted from when it
     * opens (a TLS handshake included) or from the previous response on it; then it is closed. This
     * also closes idle persistent connections. Defaults to 10 s.
     */
    public Builder headerTimeout(Duration timeout) {
      this.limits = limits.withHeaderTimeout(timeout);
      return this;
    }

    /**
     * How long a connection may send nothing while a request body is due, or a transfer waits for
     * its next byte; then the transfer is cut off. Defaults to 60 s, the gateway's read timeout.
     */
    public Builder idleTimeout(Duration timeout) {
      this.limits = limits.withIdleTimeout(timeout);
      return this;
    }

    /**
     * The slowest a file may arrive: fewer than {@code bytesPerSecond} times {@code window} bytes
     * in any window of that length cuts the transfer off, releases the file and installs nothing. 0
     * turns the check off. Defaults to 1024 bytes/s over 30 s, the gateway's own minimum rate.
     */
    public Builder minimumRate(long bytesPerSecond, Duration window) {
      this.limits = limits.withMinimumRate(bytesPerSecond, window);
      return this;
    }

    /**
     * How many connections may be open at once from one remote address (more are closed as soon as
     * they are accepted), and in all (past it, connections wait in the listen backlog until one
     * closes). Defaults to 8 per address and 64 in all.
     */
    public Builder maxConnections(int perPeer, int total) {
      this.limits = limits.withConnections(perPeer, total);
      return this;
    }

    /**
     * The most bytes of a refused file read and discarded before the refusal is answered, so that
     * the gateway reads the answer rather than a reset connection; past it, the connection is
     * closed after the answer. Defaults to 16 MiB.
     */
    public Builder maxDrain(long bytes) {
      this.limits = limits.withMaxDrain(bytes);
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
