package io.patchbay.cli;

import io.patchbay.trust.CatalogVerifier;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say which catalogs a command trusts: signed by the operator's keys for one
 * repository, with what was accepted kept under a state directory; or, only when asked, unsigned.
 */
final class TrustOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--trust",
      paramLabel = "PUBFILE",
      description =
          "A trusted public key (repeatable); only catalogs signed by these keys are used.")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--threshold",
      defaultValue = "1",
      paramLabel = "K",
      description = "How many trusted keys must have signed a catalog (default ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--repository",
      paramLabel = "ID",
      description = "The repository id the catalog must be signed for (required with --trust).")
  String repository;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the last accepted statement and root of each repository are kept, to refuse"
              + " rollbacks across runs (default: $XDG_STATE_HOME/patchbay, else"
              + " ~/.local/state/patchbay).")
  Path stateDirectory;

  @Option(names = "--allow-no-expiry", description = "Accept signed catalogs that never expire.")
  boolean allowNoExpiry;

  @Option(
      names = "--allow-unsigned",
      description =
          "Use an unsigned catalog (labs only: anyone on the path could have written it).")
  boolean allowUnsigned;

  /** Tells whether any key was given, so catalogs must be verified. */
  boolean enabled() {
    return !keys.isEmpty();
  }

  /**
   * The verifier these options describe, keeping what it accepts under the state directory.
   *
   * @throws ParameterException if no repository id was given
   */
  CatalogVerifier verifier() throws IOException {
    return verifier(SerialStore.directory(stateDirectory()));
  }

  /**
   * The verifier these options describe, keeping what it accepts in {@code serials}.
   *
   * @throws ParameterException if no repository id was given
   */
  CatalogVerifier verifier(SerialStore serials) throws IOException {
    if (repository == null) {
      throw new ParameterException(
          command.commandLine(),
          "--trust needs --repository ID: a signature binds a catalog to one repository");
    }
    return HeadEndAccess.verifier(keys, threshold, repository, !allowNoExpiry, serials);
  }

  /**
   * The policy of trusting the public keys in {@code keys}, {@code threshold} of them.
   *
   * @throws IOException if a key file cannot be read or holds no Ed25519 public key
   * @throws IllegalArgumentException if the threshold is out of range
   */
  static TrustPolicy policy(List<Path> keys, int threshold) throws IOException {
    List<PublicKey> trusted = new ArrayList<>();
    for (Path key : keys) {
      trusted.add(Ed25519Keys.readPublic(key));
    }
    return TrustPolicy.of(threshold, trusted);
  }

  /** The state directory given, or the user's XDG state home. */
  Path stateDirectory() {
    if (stateDirectory != null) {
      return stateDirectory;
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path home =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return home.resolve("patchbay");
  }
}
