package io.patchbay.transport.tftp;

import io.patchbay.format.JsonLimits;
import io.patchbay.model.FileNames;
import java.time.Duration;
import java.util.Objects;

/**
 * How the TFTP transport talks to head ends and devices. Immutable; start from {@link #defaults()}
 * and change what differs with the {@code with} methods.
 *
 * @param timeout how long each packet is awaited before the last one is sent again, 1 ms to 255 s
 * @param retries how often the last packet is sent again before a transfer fails, 0 to 100; so a
 *     silent peer is given up after about {@code timeout * (retries + 1)}
 * @param blockSize the block size asked for (RFC 2348), 8 to 65,464; 512 asks for none
 * @param windowSize the window asked for (RFC 7440), 1 to {@value TftpClient#MAX_WINDOW_SIZE}
 * @param documentLimits the limits on catalogs, manifests and commit results received
 * @param manifestName the file a device serves its manifest as (docs/protocol-tftp.md)
 * @param confirmTimeout how long a device may take to confirm a committed file before the transfer
 *     counts as unconfirmed
 * @param confirmPollInterval how long to wait between reads of a commit result that is not there yet
 */
public record TftpTransportConfig(Duration timeout, int retries, int blockSize, int windowSize,
    JsonLimits documentLimits, String manifestName, Duration confirmTimeout, Duration confirmPollInterval) {

  /** The default name of a device's manifest file. */
  public static final String DEFAULT_MANIFEST_NAME = "patchbay-manifest.json";

  private static final TftpTransportConfig DEFAULTS = new TftpTransportConfig(Duration.ofSeconds(1), 5, 1428, 8,
      JsonLimits.defaults(), DEFAULT_MANIFEST_NAME, Duration.ofSeconds(30), Duration.ofMillis(200));

  /**
   * Validates the configuration.
   *
   * @throws IllegalArgumentException if a value is out of its range or the manifest name is not a
   *     valid file name
   */
  public TftpTransportConfig {
    // The client's builder holds the ranges of the engine's settings; one place for each rule.
    clientFor(timeout, retries, blockSize, windowSize);
    Objects.requireNonNull(documentLimits, "documentLimits");
    FileNames.requireValid(manifestName);
    if (confirmTimeout.isNegative() || confirmPollInterval.isNegative() || confirmPollInterval.isZero()) {
      throw new IllegalArgumentException("The confirmation timeout must not be negative and the poll interval must"
          + " be positive: " + confirmTimeout + ", " + confirmPollInterval);
    }
  }

  /** 1 s timeout, 5 retries, 1,428-byte blocks, windows of 8, default JSON limits, 30 s to confirm. */
  public static TftpTransportConfig defaults() {
    return DEFAULTS;
  }

  /** This configuration with another per-packet {@link #timeout()} and {@link #retries()}. */
  public TftpTransportConfig withTimeout(Duration timeout, int retries) {
    return new TftpTransportConfig(timeout, retries, blockSize, windowSize, documentLimits, manifestName,
        confirmTimeout, confirmPollInterval);
  }

  /** This configuration with another {@link #blockSize()} and {@link #windowSize()}. */
  public TftpTransportConfig withBlocks(int blockSize, int windowSize) {
    return new TftpTransportConfig(timeout, retries, blockSize, windowSize, documentLimits, manifestName,
        confirmTimeout, confirmPollInterval);
  }

  /** This configuration with other {@link #documentLimits()}. */
  public TftpTransportConfig withDocumentLimits(JsonLimits limits) {
    return new TftpTransportConfig(timeout, retries, blockSize, windowSize, limits, manifestName,
        confirmTimeout, confirmPollInterval);
  }

  /** This configuration with another {@link #manifestName()}. */
  public TftpTransportConfig withManifestName(String name) {
    return new TftpTransportConfig(timeout, retries, blockSize, windowSize, documentLimits, name,
        confirmTimeout, confirmPollInterval);
  }

  /** This configuration with another {@link #confirmTimeout()} and {@link #confirmPollInterval()}. */
  public TftpTransportConfig withConfirmation(Duration timeout, Duration pollInterval) {
    return new TftpTransportConfig(this.timeout, retries, blockSize, windowSize, documentLimits, manifestName,
        timeout, pollInterval);
  }

  /** The TFTP client these settings describe. */
  TftpClient client() {
    return clientFor(timeout, retries, blockSize, windowSize);
  }

  private static TftpClient clientFor(Duration timeout, int retries, int blockSize, int windowSize) {
    return TftpClient.builder()
        .timeout(Objects.requireNonNull(timeout, "timeout"))
        .retries(retries)
        .blockSize(blockSize)
        .windowSize(windowSize)
        .build();
  }
}
