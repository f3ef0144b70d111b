package io.patchbay.campaign;

import io.patchbay.PatchbayException;
import java.nio.file.Path;

/**
 * Thrown by a {@link DhcpLeaseDirectory} whose lease file is larger, or holds more leases, than its
 * builder allows: nothing of the file is used until it is back within the bound.
 */
public final class LeaseFileLimitException extends PatchbayException {

  /** The bound that was exceeded. */
  public enum Limit {
    /** {@link DhcpLeaseDirectory.Builder#maxBytes(long)}. */
    BYTES,
    /** {@link DhcpLeaseDirectory.Builder#maxLeases(int)}. */
    LEASES
  }

  private final transient Path file;
  private final Limit limit;
  private final long maximum;

  /** Creates the error for {@code file}, which exceeds {@code limit}'s {@code maximum}. */
  public LeaseFileLimitException(Path file, Limit limit, long maximum) {
    super(
        file
            + ": more than "
            + maximum
            + (limit == Limit.BYTES ? " bytes" : " leases")
            + ", the lease directory's limit");
    this.file = file;
    this.limit = limit;
    this.maximum = maximum;
  }

  /** The lease file. */
  public Path file() {
    return file;
  }

  /** Which bound the file exceeds. */
  public Limit limit() {
    return limit;
  }

  /** The bound: bytes or leases. */
  public long maximum() {
    return maximum;
  }
}
