package io.patchbay.cli;

import io.patchbay.device.DeviceTrust;
import io.patchbay.internal.device.DeviceStore;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.SerialStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that say what a reference device installs: only files the operator's keys signed for
 * one repository, with the last accepted statement kept in the device's own state; or, only when
 * asked, anything. There is no default, so no device trusts the LAN by omission.
 */
final class DeviceTrustOptions {

  @Option(
      names = "--trust",
      paramLabel = "PUBFILE",
      description =
          "A trusted public key (repeatable); the device installs only files these keys signed.")
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
          "Where the device keeps the last statement and root it accepted, to refuse rollbacks"
              + " across restarts (default: DIR/.patchbay/trust, beside its manifest).")
  Path stateDirectory;

  @Option(
      names = "--allow-no-expiry",
      description = "Accept files signed under statements that never expire.")
  boolean allowNoExpiry;

  @Option(
      names = "--insecure",
      description =
          "Install any file sent, signed or not (labs only: anyone on the network can install"
              + " anything).")
  boolean insecure;

  /**
   * The trust these options describe for a device keeping its files in {@code deviceDirectory}.
   *
   * @throws ParameterException if neither keys nor {@code --insecure} were given, both were, or
   *     keys were given without a repository id
   * @throws IOException if a key cannot be read or the state directory cannot be created
   */
  DeviceTrust deviceTrust(CommandSpec spec, Path deviceDirectory) throws IOException {
    if (insecure) {
      if (!keys.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "--insecure and --trust contradict each other; give one");
      }
      return DeviceTrust.insecure();
    }
    if (keys.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Refusing to start a device that would install anything: give the operator's keys with"
              + " --trust PUBFILE --repository ID, or --insecure for a lab");
    }
    if (repository == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--trust needs --repository ID: a signature binds a file to one repository");
    }
    Path state = stateDirectory != null ? stateDirectory : defaultState(deviceDirectory);
    return DeviceTrust.verifiedBy(
        ProofVerifier.builder(TrustOptions.policy(keys, threshold), repository)
            .serials(SerialStore.directory(state))
            .requireExpiry(!allowNoExpiry)
            .build());
  }

  /**
   * Where a device keeping its files in {@code deviceDirectory} keeps its trust state by default:
   * under its own reserved state directory, beside its manifest, so that each device on a machine
   * has its own rollback state and no file sent to it can overwrite it.
   */
  static Path defaultState(Path deviceDirectory) {
    return deviceDirectory.resolve(DeviceStore.STATE).resolve("trust");
  }
}
