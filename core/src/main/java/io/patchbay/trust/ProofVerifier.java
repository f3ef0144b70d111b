package io.patchbay.trust;

import io.patchbay.model.EntryProof;
import io.patchbay.model.MerkleTree;
import io.patchbay.model.Sha256;
import io.patchbay.trust.TrustException.Refusal;
import java.io.IOException;
import java.util.Optional;

/**
 * What a device uses to decide whether it may install a file (Uptane-style partial verification):
 * the proof that came with it must carry a statement signed by the device's trusted keys (or a root
 * document that follows from them), for the device's repository, not expired, not older than the
 * last accepted, and a Merkle inclusion proof showing that this file's name, version, size and
 * SHA-256 are an entry under the statement's root. The device never needs the catalog itself.
 *
 * <p>Thread-safe; built with {@link #builder(TrustPolicy, String)}.
 */
public final class ProofVerifier {

  private final StatementVerifier statements;

  private ProofVerifier(Builder builder) {
    this.statements = builder.statements();
  }

  /**
   * A verifier for files of {@code repository} signed under {@code pinned} (or a root document that
   * follows from it); see {@link Builder} for the defaults.
   *
   * @throws IllegalArgumentException if the repository id is invalid
   */
  public static Builder builder(TrustPolicy pinned, String repository) {
    return new Builder(pinned, repository);
  }

  /**
   * Checks that {@code proof} shows the head end signed exactly this file, and records the
   * statement as accepted; the device installs the file only if this returns.
   *
   * @param sha256 the SHA-256 the device computed over the bytes it received
   * @param size the number of bytes it received
   * @return the statement the file was signed under
   * @throws TrustException if the proof is missing, or breaks a rule, or does not bind this file
   * @throws IOException if the device's trust state cannot be read or recorded
   */
  public CatalogStatement verify(
      Optional<EntryProof> proof, String name, String version, long size, Sha256 sha256)
      throws IOException {
    String source = "proof for " + name;
    if (proof.isEmpty()) {
      throw new TrustException(
          source,
          Refusal.UNSIGNED,
          "No proof came with " + name + ", and this device installs only signed files");
    }
    StatementVerifier.Checked checked = statements.check(source, proof.get().signed());
    CatalogStatement statement = checked.statement();
    Sha256 leaf = MerkleTree.leaf(name, version, size, sha256);
    Optional<Sha256> root =
        MerkleTree.rootFromPath(leaf, proof.get().index(), statement.entries(), proof.get().path());
    if (root.isEmpty() || !root.get().equals(statement.root())) {
      throw new TrustException(
          source,
          Refusal.NOT_SIGNED,
          name
              + " version "
              + version
              + " ("
              + size
              + " bytes, sha256 "
              + sha256.hex()
              + ") is not the file signed by serial "
              + statement.serial()
              + " of "
              + statement.repository());
    }
    statements.accept(source, checked);
    return statement;
  }

  /** Configures a {@link ProofVerifier}. */
  public static final class Builder extends VerifierBuilder<Builder> {

    private Builder(TrustPolicy policy, String repository) {
      super(policy, repository);
    }

    @Override
    Builder self() {
      return this;
    }

    /** The verifier. */
    public ProofVerifier build() {
      return new ProofVerifier(this);
    }
  }
}
