package io.patchbay.cli;

import io.patchbay.model.Client;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.update.UpdateListener;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows an update's progress: on a terminal, one line per file that redraws as bytes move; when the
 * output is a file or a pipe, plain lines at each milestone only.
 */
final class Progress implements UpdateListener {

  private final PrintWriter out;
  private final boolean terminal;

  /**
   * Tells whether standard output is a terminal, where progress redraws one line. Before JDK 22
   * {@link System#console()} exists only for a terminal; from 22 on it always exists, and {@code
   * Console.isTerminal()} (absent from our Java 17 baseline, so called reflectively) tells.
   */
  static boolean onTerminal() {
    @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void planned(Client client, UpdatePlan plan) {
    out.printf(
        "%s: %d of %d files to update%n",
        client.id(), plan.transfers().size(), plan.files().size());
    out.flush();
  }

  @Override
  public synchronized void bytesTransferred(Client client, PlannedFile file, long total) {
    if (terminal) {
      long size = file.target().size();
      int percent = size == 0 ? 100 : (int) (total * 100 / size);
      String bar = "#".repeat(percent / 5) + ".".repeat(20 - percent / 5);
      out.printf(
          "\r%s: %s [%s] %3d%% %s", client.id(), file.name(), bar, percent, Sizes.format(total));
      out.flush();
    }
  }

  @Override
  public synchronized void fileFinished(Client client, FileOutcome outcome) {
    if (outcome.action().transfers()) {
      out.printf(
          "%s%s: %s %s -> %s %s%s%n",
          terminal ? "\r\033[K" : "",
          client.id(),
          outcome.name(),
          outcome.fromVersion() == null ? "(none)" : outcome.fromVersion(),
          outcome.toVersion(),
          outcome.status().toString().toLowerCase(Locale.ROOT),
          outcome.error() == null ? "" : ": " + ErrorText.of(outcome.error()));
      out.flush();
    }
  }

  @Override
  public synchronized void clientFinished(UpdateReport report) {
    // A catalog that cannot be used fails every client alike; the command reports it once.
    if (report.error() != null && report.failedStep() != Step.CATALOG) {
      out.printf(
          "%s: failed at %s: %s%n",
          report.client().id(),
          report.failedStep().name().toLowerCase(Locale.ROOT),
          ErrorText.of(report.error()));
      out.flush();
    }
  }
}
