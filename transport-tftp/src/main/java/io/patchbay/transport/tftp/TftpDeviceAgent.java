package io.patchbay.transport.tftp;

import io.patchbay.device.DeviceTrust;
import io.patchbay.format.ManifestJson;
import io.patchbay.internal.device.DeviceStore;
import io.patchbay.internal.device.StoredDeviceAgent;
import io.patchbay.model.FileEntry;
import io.patchbay.model.FileNames;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.transport.tftp.DeviceProtocol.CommitRecord;
import io.patchbay.transport.tftp.DeviceProtocol.CommitResult;
import io.patchbay.trust.TrustException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference device of the device protocol over TFTP (docs/protocol-tftp.md), on our own {@link
 * TftpServer}: it serves its manifest, receives files to staging names, and on a commit record
 * verifies size and SHA-256, checks the head end's proof through its {@link DeviceTrust}, installs
 * the file with an atomic rename, records it in a manifest that survives restarts and publishes the
 * outcome as a commit result. Java-capable clients can run it as is; tests and the demo use it as a
 * real device.
 *
 * <p>What it trusts is chosen when it is built, never by default: {@link
 * DeviceTrust#verifiedBy(io.patchbay.trust.ProofVerifier)} installs only files the head end signed
 * (a refused one is the result {@code rejected}, {@code untrusted}, naming the broken rule, and the
 * installed file and manifest stay as they were); {@link DeviceTrust#insecure()} installs anything
 * and says so in a warning at start.
 *
 * <p>Files and manifest are kept under the directory as by every {@link
 * io.patchbay.device.DeviceAgent}; staged files wait in its {@code .patchbay/incoming/} (emptied at
 * start) and expire after ten minutes if never committed. A staged file takes a slot only once its
 * first DATA block arrived, and only a commit from the address that staged it, naming the size and
 * SHA-256 computed as it arrived, installs it. Commit results are kept in {@code
 * .patchbay/tftp-results/}, surviving restarts, at least {@linkplain Builder#resultRetention 10
 * minutes} each and at most {@linkplain Builder#maxResults 256}. Start it with {@link #start(Path,
 * int, DeviceTrust)} or {@link #builder(Path, DeviceTrust)}; stop it with {@link #close()}.
 * Thread-safe.
 */
public final class TftpDeviceAgent extends StoredDeviceAgent {

  private static final Logger LOG = LoggerFactory.getLogger(TftpDeviceAgent.class);

  /** Where results are kept, under the store's own state directory. */
  private static final String RESULTS = "tftp-results";

  /** The longest detail a result carries: enough for any refusal, and a bound on its size. */
  private static final int MAX_DETAIL = 1000;

  private final DeviceTrust trust;
  private final String manifestName;
  private final StagingArea staging;
  private final CommitResults results;
  private final TftpServer server;

  private TftpDeviceAgent(Builder builder) throws IOException {
    super(builder.directory);
    this.trust = builder.trust;
    this.manifestName = builder.manifestName;
    this.staging = new StagingArea(store(), builder.maxFileSize, builder.maxStaged);
    this.results =
        CommitResults.open(
            builder.directory.resolve(DeviceStore.STATE).resolve(RESULTS),
            builder.maxResults,
            builder.resultRetention);
    this.server =
        TftpServer.builder(new DeviceFiles())
            .address(builder.address)
            .timeout(builder.timeout)
            .retries(builder.retries)
            .maxClientTimeout(builder.maxClientTimeout)
            .unansweredRetries(builder.unansweredRetries)
            .maxTransfersPerClient(builder.maxTransfersPerClient)
            .start();
    trust.warnIfInsecure("TFTP device at " + server.uri() + " keeping " + builder.directory);
  }

  /**
   * Starts an agent keeping its files under {@code directory}, on {@code port} of the loopback
   * address ({@code 0} for an ephemeral one), installing what {@code trust} allows, with default
   * settings.
   *
   * @throws IOException if the directory cannot be prepared or the port cannot be bound
   */
  public static TftpDeviceAgent start(Path directory, int port, DeviceTrust trust)
      throws IOException {
    return builder(directory, trust)
        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .start();
  }

  /**
   * Starts configuring an agent that keeps its files under {@code directory} and installs what
   * {@code trust} allows.
   */
  public static Builder builder(Path directory, DeviceTrust trust) {
    return new Builder(directory, trust);
  }

  /** The UDP port the agent listens on. */
  public int port() {
    return server.address().getPort();
  }

  /** The address and port the agent listens on. */
  public InetSocketAddress address() {
    return server.address();
  }

  @Override
  public URI endpoint() {
    return server.uri();
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * Verifies a committed file against its record and its proof, and installs it; the outcome is the
   * commit result. Whatever the outcome, the staged bytes are gone afterwards.
   *
   * @throws Refusal if nothing complete is staged for the record's transfer, or it came from
   *     another address than {@code client}: then nothing is published and the staged file, if any,
   *     stays for the gateway that staged it
   */
  private CommitResult commit(CommitRecord record, InetAddress client) throws IOException {
    FileEntry file = record.file();
    StagingArea.Staged upload = staging.take(record.transfer(), client);
    try {
      if (isReserved(file.name())) {
        return CommitResult.rejected(
            record.transfer(), Reason.INVALID_NAME, file.name() + " is reserved for the agent");
      }
      // The digest was computed as the bytes arrived from the stager: the record must name it.
      if (upload.size() != file.size() || !upload.sha256().equals(file.sha256())) {
        String detail =
            file.name()
                + ": received "
                + upload.size()
                + " bytes with SHA-256 "
                + upload.sha256().hex()
                + ", the commit names "
                + file.size()
                + " bytes with SHA-256 "
                + file.sha256().hex();
        LOG.info("Refused {} {}: {}", file.name(), file.version(), detail);
        return CommitResult.rejected(record.transfer(), Reason.DIGEST_MISMATCH, detail);
      }
      // The bytes are now known to be exactly the record's size and digest, so the record's entry
      // is what the device computed; only a proof binds that to what the head end signed.
      try {
        trust.check(record.readProof(), file);
      } catch (TrustException e) {
        LOG.warn(
            "Refused {} {} ({}): {}", file.name(), file.version(), e.refusal(), e.getMessage());
        return CommitResult.untrusted(record.transfer(), e);
      }
      store().installVerified(upload.file(), file);
      LOG.info("Installed {} {} ({} bytes)", file.name(), file.version(), file.size());
      return CommitResult.installed(record.transfer());
    } finally {
      Files.deleteIfExists(upload.file());
    }
  }

  // Ignoring case, as the file system the device writes to may (MANIFEST.JSON is manifest.json).
  private boolean isReserved(String name) {
    return name.equalsIgnoreCase(manifestName) || DeviceStore.isReserved(name);
  }

  /**
   * The device as its TFTP server sees it: the manifest and results to read, staging and commits to
   * write.
   */
  private final class DeviceFiles implements ServedFiles {

    @Override
    public Download openRead(String name) throws IOException {
      String logical = ServedFiles.logicalName(name);
      byte[] content;
      if (logical.equals(manifestName)) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ManifestJson.write(manifest(), json);
        content = json.toByteArray();
      } else {
        String transfer =
            DeviceProtocol.transferIn(logical, DeviceProtocol.RESULT, DeviceProtocol.JSON);
        content = transfer == null ? null : results.get(transfer);
      }
      if (content == null) {
        throw new Refusal(TftpErrorCode.FILE_NOT_FOUND, "File not found");
      }
      return new Download(new ByteArrayInputStream(content), content.length);
    }

    @Override
    public Upload openWrite(String name, long announcedSize, InetAddress client)
        throws IOException {
      String logical = ServedFiles.logicalName(name);
      String transfer = DeviceProtocol.transferIn(logical, DeviceProtocol.STAGING, "");
      if (transfer != null) {
        if (results.get(transfer) != null) {
          throw StagingArea.usedOnce();
        }
        return staging.open(transfer, announcedSize, client);
      }
      transfer = DeviceProtocol.transferIn(logical, DeviceProtocol.COMMIT, DeviceProtocol.JSON);
      if (transfer != null) {
        return new CommitUpload(transfer, client);
      }
      throw new Refusal(
          TftpErrorCode.ACCESS_VIOLATION,
          "invalid-name: files are written to "
              + DeviceProtocol.STAGING
              + "<transfer> and committed");
    }
  }

  /** Receives a commit record into memory, then acts on it before the last ACK. */
  private final class CommitUpload extends ServedFiles.Upload {
    private final String transfer;
    private final InetAddress client;
    private final ByteArrayOutputStream json = new ByteArrayOutputStream();

    CommitUpload(String transfer, InetAddress client) {
      this.transfer = transfer;
      this.client = client;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (json.size() + length > FlatJson.MAX_BYTES) {
        throw new Refusal(
            TftpErrorCode.DISK_FULL,
            "too-large: commit records are limited to " + FlatJson.MAX_BYTES + " bytes");
      }
      json.write(bytes, offset, length);
    }

    @Override
    void commit() throws IOException {
      CommitRecord record;
      try {
        record = CommitRecord.parse(json.toByteArray());
      } catch (IllegalArgumentException e) {
        throw new Refusal(TftpErrorCode.ILLEGAL_OPERATION, "invalid-commit: " + e.getMessage(), e);
      }
      if (!record.transfer().equals(transfer)) {
        throw new Refusal(
            TftpErrorCode.ILLEGAL_OPERATION, "invalid-commit: the record names another transfer");
      }
      // A record is acted on once: a repeated one must not replace the first outcome with "nothing
      // staged". The result is published before the last ACK, so a gateway that sees the ACK finds
      // it. A commit refused (nothing staged, or staged from another address) publishes nothing,
      // so whoever learned the transfer id cannot settle its outcome for the gateway.
      results.publishOnce(
          transfer,
          () -> TftpDeviceAgent.this.commit(record, client).truncated(MAX_DETAIL).toJson());
    }

    @Override
    public void close() {
      // Nothing to release: the record is in memory.
    }
  }

  /** Configures a {@link TftpDeviceAgent}; not thread-safe. */
  public static final class Builder {
    private final Path directory;
    private final DeviceTrust trust;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private long maxFileSize = 1L << 30;
    private int maxStaged = 8;
    private String manifestName = TftpTransportConfig.DEFAULT_MANIFEST_NAME;
    private Duration timeout = Duration.ofSeconds(1);
    private int retries = 5;
    private Duration maxClientTimeout = Duration.ofSeconds(5);
    private int unansweredRetries = 2;
    private int maxTransfersPerClient = 8;
    private int maxResults = 256;
    private Duration resultRetention = Duration.ofMinutes(10);

    private Builder(Path directory, DeviceTrust trust) {
      this.directory = Objects.requireNonNull(directory, "directory");
      this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** Where to listen, IPv4 or IPv6; defaults to an ephemeral port on the loopback address. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address);
      return this;
    }

    /** The largest file accepted; larger ones are refused with ERROR 3. Defaults to 1 GiB. */
    public Builder maxFileSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("Maximum file size must not be negative: " + bytes);
      }
      this.maxFileSize = bytes;
      return this;
    }

    /**
     * How many files may be staged and not yet committed at once; more are refused as busy.
     * Defaults to 8.
     */
    public Builder maxStaged(int files) {
      if (files < 1) {
        throw new IllegalArgumentException("Staged files must be at least 1: " + files);
      }
      this.maxStaged = files;
      return this;
    }

    /**
     * The name the manifest is served as; defaults to {@value
     * TftpTransportConfig#DEFAULT_MANIFEST_NAME}.
     */
    public Builder manifestName(String name) {
      this.manifestName = FileNames.requireValid(name);
      return this;
    }

    /**
     * The server's per-packet timeout and retries; see {@link
     * TftpServer.Builder#timeout(Duration)}.
     */
    public Builder timeout(Duration timeout, int retries) {
      this.timeout = Objects.requireNonNull(timeout);
      this.retries = Options.requireRetries(retries);
      return this;
    }

    /** See {@link TftpServer.Builder#maxClientTimeout(Duration)}; defaults to 5 s. */
    public Builder maxClientTimeout(Duration timeout) {
      this.maxClientTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** See {@link TftpServer.Builder#unansweredRetries(int)}; defaults to 2. */
    public Builder unansweredRetries(int retries) {
      this.unansweredRetries = Options.requireRetries(retries);
      return this;
    }

    /** See {@link TftpServer.Builder#maxTransfersPerClient(int)}; defaults to 8. */
    public Builder maxTransfersPerClient(int transfers) {
      if (transfers < 1) {
        throw new IllegalArgumentException(
            "Maximum transfers per client must be at least 1: " + transfers);
      }
      this.maxTransfersPerClient = transfers;
      return this;
    }

    /**
     * How many commit results are kept, at most; defaults to 256. Each is a file of at most 8 KiB
     * under the directory's {@code .patchbay/tftp-results/}, so they survive a restart.
     */
    public Builder maxResults(int results) {
      if (results < 1) {
        throw new IllegalArgumentException("Kept results must be at least 1: " + results);
      }
      this.maxResults = results;
      return this;
    }

    /**
     * How long a commit result is kept at least, for its gateway to read; defaults to 10 minutes. A
     * commit that would need room while all {@linkplain #maxResults kept results} are younger is
     * refused as busy, so a flood of commits never drops a result still awaited.
     */
    public Builder resultRetention(Duration retention) {
      if (retention.isNegative()) {
        throw new IllegalArgumentException("Result retention must not be negative: " + retention);
      }
      this.resultRetention = retention;
      return this;
    }

    /**
     * Starts the agent.
     *
     * @throws IOException if the directory cannot be prepared or the address cannot be bound
     */
    public TftpDeviceAgent start() throws IOException {
      return new TftpDeviceAgent(this);
    }
  }
}
