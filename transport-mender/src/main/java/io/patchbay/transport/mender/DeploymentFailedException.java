package io.patchbay.transport.mender;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.util.List;

/**
 * Thrown when a Mender device reported {@code failure} for the deployment it was offered: it could
 * not download, verify or install the artifact, and rolled back. Carries the log the device
 * uploaded, which says why (its update module's output, a signature the client refused, ...).
 */
public final class DeploymentFailedException extends PatchbayException {

  /** How many of the log's last lines the message shows. */
  private static final int LINES_IN_MESSAGE = 8;

  private final String deviceId;
  private final String artifactName;
  private final List<String> log;

  /**
   * Creates the error for {@code deviceId} failing to install {@code artifactName}; {@code log} is
   * the device's own log lines, untrusted text, empty if it sent none.
   */
  public DeploymentFailedException(String deviceId, String artifactName, List<String> log) {
    super(message(deviceId, artifactName, log));
    this.deviceId = deviceId;
    this.artifactName = artifactName;
    this.log = List.copyOf(log);
  }

  /** The device that failed. */
  public String deviceId() {
    return deviceId;
  }

  /** The artifact it failed to install. */
  public String artifactName() {
    return artifactName;
  }

  /** The log the device uploaded for the deployment, line by line; untrusted text. */
  public List<String> log() {
    return log;
  }

  private static String message(String deviceId, String artifactName, List<String> log) {
    StringBuilder message =
        new StringBuilder("Mender device ")
            .append(Untrusted.quote(deviceId))
            .append(" failed to install ")
            .append(Untrusted.quote(artifactName));
    if (log.isEmpty()) {
      return message.append(" and sent no log").toString();
    }
    message.append("; the last lines of its log:");
    for (String line : log.subList(Math.max(0, log.size() - LINES_IN_MESSAGE), log.size())) {
      message.append("\n  ").append(Untrusted.quote(line));
    }
    return message.toString();
  }
}
