package io.patchbay.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.SignedRoot;
import io.patchbay.trust.TrustException.Refusal;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A head end checks its chain of root documents as its verifiers will walk it. */
class RootChainTest {

  private static final String REPOSITORY = "acme-prod";
  private static final KeyPair OLD = Ed25519Keys.generate();
  private static final KeyPair NEW = Ed25519Keys.generate();

  private static SignedRoot root(long version, Instant expires, KeyPair key, KeyPair... signers) {
    return CatalogSigner.sign(
        new RootDocument(REPOSITORY, version, expires, 1, List.of(key.getPublic())),
        List.of(signers));
  }

  private static TrustPolicy pinned(KeyPair key) {
    return TrustPolicy.of(1, List.<PublicKey>of(key.getPublic()));
  }

  @Test
  void aChainSignedByEachPreviousVersionYieldsItsNewestEvenIfExpired() {
    Instant past = Instant.parse("2001-01-01T00:00:00Z");
    List<SignedRoot> chain = List.of(root(1, past, OLD, OLD), root(2, past, NEW, OLD, NEW));

    RootDocument newest = RootChain.newest("root", pinned(OLD), REPOSITORY, chain);

    assertThat(newest.version()).isEqualTo(2);
    assertThat(newest.keys()).containsExactly(NEW.getPublic());
  }

  @Test
  void aVersionTheKeysBeforeItDidNotSignIsRefusedAsVerifiersRefuseIt() {
    Instant later = Instant.parse("2100-01-01T00:00:00Z");
    List<SignedRoot> chain = List.of(root(1, later, OLD, OLD), root(2, later, NEW, NEW));

    assertThatThrownBy(() -> RootChain.newest("root", pinned(OLD), REPOSITORY, chain))
        .isInstanceOfSatisfying(
            CatalogSignatureException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_KEYS);
              assertThat(e).hasMessageContaining("Root version 2", "keys of version 1");
            });
    assertThatThrownBy(
            () -> RootChain.newest("root", pinned(OLD), REPOSITORY, List.of(chain.get(1))))
        .isInstanceOfSatisfying(
            TrustException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.ROOT_REJECTED));
    assertThatThrownBy(() -> RootChain.newest("root", pinned(OLD), "acme-staging", chain))
        .isInstanceOfSatisfying(
            TrustException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.WRONG_REPOSITORY));
  }
}
