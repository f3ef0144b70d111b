package io.patchbay.trust;

import io.patchbay.model.SignedRoot;
import java.time.Clock;
import java.util.List;

/**
 * Checks a repository's root documents the way gateways and devices walk them, for head ends that
 * publish them: so a head end never ships a chain its verifiers would refuse.
 */
public final class RootChain {

  private RootChain() {}

  /**
   * The newest of {@code roots}, once every version is checked to follow the one before it, as
   * {@link CatalogVerifier} and {@link ProofVerifier} check them: the next version number, for
   * {@code repository}, signed by the threshold of the previous version's keys and of its own. The
   * first version follows {@code pinned}, which acts as version 0. Expiry is not judged: a head end
   * may prepare roots ahead of their use.
   *
   * @param source what the roots are, for messages (such as their directory)
   * @param roots root documents in increasing version
   * @throws TrustException naming the first root that does not follow, and why
   * @throws IllegalArgumentException if {@code roots} is empty
   */
  public static RootDocument newest(
      String source, TrustPolicy pinned, String repository, List<SignedRoot> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("No root documents to check in " + source);
    }
    return new StatementVerifier(
            pinned, repository, SerialStore.inMemory(), Clock.systemUTC(), false)
        .walk(source, roots);
  }
}
