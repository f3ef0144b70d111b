package io.patchbay.trust;

import io.patchbay.model.RepositoryIds;
import java.time.Clock;
import java.util.Objects;

/**
 * What gateways' and devices' verifiers are both configured with: the pinned keys and the
 * repository, where accepted statements are kept, the clock, and whether an expiry is required.
 */
abstract class VerifierBuilder<B extends VerifierBuilder<B>> {

  private final TrustPolicy policy;
  private final String repository;
  private SerialStore serials = SerialStore.inMemory();
  private Clock clock = Clock.systemUTC();
  private boolean requireExpiry = true;

  VerifierBuilder(TrustPolicy policy, String repository) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.repository = RepositoryIds.requireValid(repository);
  }

  /**
   * Where the last accepted statement and root are kept; default in memory, which forgets them on
   * restart. Gateways and devices should use {@link SerialStore#directory(java.nio.file.Path)}.
   */
  public B serials(SerialStore serials) {
    this.serials = Objects.requireNonNull(serials, "serials");
    return self();
  }

  /** The time expiry is judged by; default the system clock. */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** Whether a statement without an expiry time is rejected; default {@code true}. */
  public B requireExpiry(boolean requireExpiry) {
    this.requireExpiry = requireExpiry;
    return self();
  }

  /** This builder, as its own type. */
  abstract B self();

  /** The shared checks as configured. */
  StatementVerifier statements() {
    return new StatementVerifier(policy, repository, serials, clock, requireExpiry);
  }
}
