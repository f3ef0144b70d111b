package io.patchbay.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened when many clients were updated in one run; each client's outcome is isolated in its
 * own report.
 *
 * @param started when the run started
 * @param elapsed how long it took
 * @param clients one report per client, in the order the clients were given
 * @param artifactsFetched how many distinct artifacts were downloaded from the head end
 * @param bytesFetched how many bytes were downloaded from the head end
 * @param artifactsReused how many times a client's artifact came from the gateway's store (a cache
 *     hit, or another client's download) instead of a download of its own
 */
public record FleetReport(
    Instant started,
    Duration elapsed,
    List<UpdateReport> clients,
    long artifactsFetched,
    long bytesFetched,
    long artifactsReused) {

  /** Copies the list. */
  public FleetReport {
    clients = List.copyOf(clients);
  }

  /** Tells whether every client succeeded. */
  public boolean succeeded() {
    return clients.stream().allMatch(UpdateReport::succeeded);
  }

  /** The reports of the clients that did not succeed. */
  public List<UpdateReport> failures() {
    return clients.stream().filter(report -> !report.succeeded()).toList();
  }

  /**
   * The reports of the clients that reported at least one {@link UpdateReport#anomalies() anomaly},
   * succeeded or not.
   */
  public List<UpdateReport> anomalous() {
    return clients.stream().filter(report -> !report.anomalies().isEmpty()).toList();
  }

  /** Bytes sent to all clients. */
  public long bytesTransferred() {
    return clients.stream().mapToLong(UpdateReport::bytesTransferred).sum();
  }
}
