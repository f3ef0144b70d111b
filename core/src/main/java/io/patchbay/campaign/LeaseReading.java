package io.patchbay.campaign;

import java.nio.file.Path;
import java.util.List;

/**
 * What one reading of a DHCP lease file found, told to a {@link DhcpLeaseDirectory}'s listener each
 * time the file is read (only when it changed). Output: made by the directory, read by users.
 *
 * @param file the lease file
 * @param clients the clients it yields at the time of the reading
 * @param inactive leases not used because they expired, were released or are not active
 * @param skipped lines or lease blocks not used because they are malformed, unsupported, or map to
 *     an invalid or duplicate client
 * @param problems why, for the first {@link #MAX_PROBLEMS} skipped, each {@code line N: reason}
 *     with the file's values quoted
 */
public record LeaseReading(
    Path file, int clients, int inactive, int skipped, List<String> problems) {

  /** The most problems a reading describes; the others are only counted. */
  public static final int MAX_PROBLEMS = 20;

  /** Copies the problems. */
  public LeaseReading {
    problems = List.copyOf(problems);
  }
}
