package io.patchbay.update;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/**
 * Thrown when a client accepted a file but, interrogated afterwards, does not report the version
 * (or digest) it was sent: the client is not counted as updated.
 */
public final class UnconfirmedUpdateException extends PatchbayException {

  private final String clientId;
  private final String fileName;
  private final String expectedVersion;
  private final String reportedVersion;

  /**
   * Creates the error; {@code reportedVersion} is {@code null} if the client no longer lists the
   * file.
   */
  public UnconfirmedUpdateException(
      String clientId, String fileName, String expectedVersion, String reportedVersion) {
    super(
        "Client "
            + clientId
            + " accepted "
            + fileName
            + " "
            + expectedVersion
            + " but then reported "
            + (reportedVersion == null
                ? "no such file"
                : "version " + Untrusted.quote(reportedVersion))
            // The same version can only be unconfirmed by its digest: a drift repair did not take.
            + (expectedVersion.equals(reportedVersion) ? " with another digest" : ""));
    this.clientId = clientId;
    this.fileName = fileName;
    this.expectedVersion = expectedVersion;
    this.reportedVersion = reportedVersion;
  }

  /** The client. */
  public String clientId() {
    return clientId;
  }

  /** The file sent. */
  public String fileName() {
    return fileName;
  }

  /** The version sent. */
  public String expectedVersion() {
    return expectedVersion;
  }

  /** What the client reported instead, or {@code null} if it no longer lists the file. */
  public String reportedVersion() {
    return reportedVersion;
  }
}
