package io.patchbay.cli;

import io.patchbay.report.FleetReport;
import io.patchbay.report.Step;
import java.net.URI;
import java.util.Optional;

/**
 * A command could not run: says what it could not do, with why as the cause. The command line
 * prints it through {@link ErrorText} and exits with {@link ExitCodes#ERROR}.
 */
final class CommandFailure extends Exception {

  CommandFailure(String what, Throwable why) {
    super(what, why);
  }

  /** The failure for a catalog the command could not fetch, read or verify; names it once. */
  static CommandFailure unusableCatalog(URI catalog, Throwable why) {
    boolean named = ErrorText.of(why).contains(catalog.toString());
    return new CommandFailure(
        named ? "Cannot use the catalog" : "Cannot use the catalog " + catalog, why);
  }

  /**
   * Why the run's catalog could not be used, if it could not: then no client was contacted and
   * every client failed at {@link Step#CATALOG} with the same error.
   */
  static Optional<Throwable> catalogError(FleetReport report) {
    if (report.clients().isEmpty()
        || !report.clients().stream().allMatch(c -> c.failedStep() == Step.CATALOG)) {
      return Optional.empty();
    }
    return Optional.of(report.clients().get(0).error());
  }
}
