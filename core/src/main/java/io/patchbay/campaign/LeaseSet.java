package io.patchbay.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leases of one reading of a lease file, by IP address (a later lease for an address supersedes
 * an earlier one), with what was skipped and why. Bounded: more than {@code maxLeases} addresses is
 * an error, and only the first {@link LeaseReading#MAX_PROBLEMS} problems are kept.
 */
final class LeaseSet {

  private final Path file;
  private final int maxLeases;
  private final Map<String, Lease> byAddress = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private int skipped;

  LeaseSet(Path file, int maxLeases) {
    this.file = file;
    this.maxLeases = maxLeases;
  }

  /**
   * Adds {@code lease}, replacing an earlier one for its address.
   *
   * @throws LeaseFileLimitException if that makes more than {@code maxLeases} addresses
   */
  void add(Lease lease) {
    byAddress.put(lease.ip(), lease);
    if (byAddress.size() > maxLeases) {
      throw new LeaseFileLimitException(file, LeaseFileLimitException.Limit.LEASES, maxLeases);
    }
  }

  /** Counts a line or lease not used, and keeps why if there is room. */
  void skip(long line, String reason) {
    skipped++;
    if (problems.size() < LeaseReading.MAX_PROBLEMS) {
      problems.add("line " + line + ": " + reason);
    }
  }

  Collection<Lease> leases() {
    return byAddress.values();
  }

  int skipped() {
    return skipped;
  }

  List<String> problems() {
    return problems;
  }
}
