package io.patchbay.plan;

import io.patchbay.model.FileNames;
import java.util.Set;

/**
 * The operator's rules for what a plan may do.
 *
 * @param installMissing transfer catalog files the client lacks
 * @param allowDowngrade transfer the catalog's version even when the client's is newer
 * @param repairDrift reinstall a file whose version is the catalog's but whose reported digest is
 *     not ({@link Action#DRIFTED}); when {@code false} such a file is only reported ({@link
 *     Action#DRIFT_REPORTED})
 * @param held file names kept at whatever version the client has
 */
public record UpdatePolicy(
    boolean installMissing, boolean allowDowngrade, boolean repairDrift, Set<String> held) {

  private static final UpdatePolicy DEFAULTS = new UpdatePolicy(true, false, true, Set.of());

  /**
   * Copies and checks the held names.
   *
   * @throws io.patchbay.model.InvalidFileNameException if a held name is not a valid file name
   */
  public UpdatePolicy {
    held.forEach(FileNames::requireValid);
    held = Set.copyOf(held);
  }

  /** Installs missing files, never downgrades, repairs drift, holds nothing. */
  public static UpdatePolicy defaults() {
    return DEFAULTS;
  }

  /** This policy with {@code installMissing} changed. */
  public UpdatePolicy withInstallMissing(boolean installMissing) {
    return new UpdatePolicy(installMissing, allowDowngrade, repairDrift, held);
  }

  /** This policy with {@code allowDowngrade} changed. */
  public UpdatePolicy withAllowDowngrade(boolean allowDowngrade) {
    return new UpdatePolicy(installMissing, allowDowngrade, repairDrift, held);
  }

  /** This policy with {@code repairDrift} changed: {@code false} reports drift and repairs none. */
  public UpdatePolicy withRepairDrift(boolean repairDrift) {
    return new UpdatePolicy(installMissing, allowDowngrade, repairDrift, held);
  }

  /** This policy holding exactly {@code names}. */
  public UpdatePolicy withHeld(Set<String> names) {
    return new UpdatePolicy(installMissing, allowDowngrade, repairDrift, names);
  }
}
