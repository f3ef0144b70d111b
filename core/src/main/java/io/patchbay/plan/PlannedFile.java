package io.patchbay.plan;

import io.patchbay.model.CatalogEntry;
import java.util.Objects;

/**
 * The planner's decision for one file, with both versions and the reason in words.
 *
 * @param name the file name
 * @param action what to do with the file
 * @param currentVersion the client's version, or {@code null} if it lacks the file
 * @param centralVersion the head end's version, or {@code null} if the catalog does not list it
 * @param target the catalog entry to transfer, or {@code null} if the catalog does not list it
 * @param reason why the planner decided so, for reports and logs
 */
public record PlannedFile(
    String name,
    Action action,
    String currentVersion,
    String centralVersion,
    CatalogEntry target,
    String reason) {

  /**
   * Checks that a transfer has something to transfer.
   *
   * @throws IllegalArgumentException if the action transfers but there is no target
   */
  public PlannedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    if (action.transfers() && target == null) {
      throw new IllegalArgumentException(action + " of " + name + " needs a catalog entry");
    }
  }
}
