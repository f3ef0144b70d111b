package io.patchbay.cli;

import io.patchbay.device.DeviceTrust;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.SerialStore;
import io.patchbay.trust.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say what a reference device installs: only files the head end signed with the
 * operator's keys for one repository, with what it accepted kept under a state directory; or, only
 * when asked, anything at all. There is no default: a device given neither refuses to start.
 */
final class DeviceTrustOptions {

  /** Where a device keeps its trust state unless told, relative to its own directory. */
  static final Path DEFAULT_STATE = Path.of(".patchbay", "trust");

  @Option(
      names = "--trust",
      paramLabel = "PUBFILE",
      description =
          "A trusted public key (repeatable); the device installs only files signed by these keys.")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--threshold",
      defaultValue = "1",
      paramLabel = "K",
      description = "How many trusted keys must have signed a file (default ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--repository",
      paramLabel = "ID",
      description = "The repository id files must be signed for (required with --trust).")
  String repository;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the device keeps the last accepted statement and root, to refuse rollbacks across"
              + " restarts (default: DIR/.patchbay/trust under the device's --dir).")
  Path stateDirectory;

  @Option(
      names = "--insecure",
      description =
          "Install any file sent, signed or not (labs only: anyone on the network can install"
              + " anything).")
  boolean insecure;

  @Option(names = "--allow-no-expiry", description = "Accept signed files that never expire.")
  boolean allowNoExpiry;

  /**
   * What the device these options describe trusts; its state lives under {@code deviceDirectory}
   * unless {@code --state-dir} says elsewhere.
   *
   * @throws IllegalArgumentException if neither {@code --trust} nor {@code --insecure} was given,
   *     both were, or {@code --trust} came without {@code --repository}
   * @throws IOException if a key file cannot be read or the state directory cannot be created
   */
  DeviceTrust deviceTrust(Path deviceDirectory) throws IOException {
    if (insecure) {
      if (!keys.isEmpty()) {
        throw new IllegalArgumentException(
            "--insecure and --trust exclude each other: give the operator's keys, or --insecure");
      }
      return DeviceTrust.insecure();
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "Refusing to start a device that trusts nobody: give the operator's keys with --trust"
              + " PUBFILE --repository ID, or --insecure for a lab");
    }
    if (repository == null) {
      throw new IllegalArgumentException(
          "--trust needs --repository ID: a signature binds a file to one repository");
    }
    List<PublicKey> trusted = new ArrayList<>();
    for (Path key : keys) {
      trusted.add(Ed25519Keys.readPublic(key));
    }
    Path state = stateDirectory != null ? stateDirectory : deviceDirectory.resolve(DEFAULT_STATE);
    return DeviceTrust.verifiedBy(
        ProofVerifier.builder(TrustPolicy.of(threshold, trusted), repository)
            .serials(SerialStore.directory(state))
            .requireExpiry(!allowNoExpiry)
            .build());
  }
}
