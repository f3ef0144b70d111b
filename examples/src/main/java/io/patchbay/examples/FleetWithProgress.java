package io.patchbay.examples;

import io.patchbay.model.Client;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import io.patchbay.update.UpdateListener;
import io.patchbay.update.UpdateOrchestrator;
import java.io.PrintStream;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet update that reports progress through an {@link UpdateListener}: the bytes each client
 * still needs, in steps of ten per cent, and each client's outcome. Listeners are called from many
 * threads at once, so this one keeps its counters in concurrent structures.
 */
public final class FleetWithProgress implements UpdateListener {

  private final PrintStream out;
  private final ConcurrentHashMap<String, AtomicLong> planned = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> lastTenth = new ConcurrentHashMap<>();

  /** Reports to {@code out}. */
  public FleetWithProgress(PrintStream out) {
    this.out = out;
  }

  /** Updates {@code clients} with {@code gateway}, adding this listener to it. */
  public static FleetReport update(
      UpdateOrchestrator.Builder gateway, Collection<Client> clients, PrintStream out) {
    return gateway.listener(new FleetWithProgress(out)).build().updateAll(clients);
  }

  @Override
  public void planned(Client client, UpdatePlan plan) {
    long bytes = plan.transfers().stream().mapToLong(file -> file.target().size()).sum();
    planned.put(client.id(), new AtomicLong(bytes));
    out.println(
        client.id() + ": " + plan.transfers().size() + " files, " + bytes + " bytes to send");
  }

  @Override
  public void bytesTransferred(Client client, PlannedFile file, long total) {
    long size = file.target().size();
    long tenth = size == 0 ? 10 : total * 10 / size;
    AtomicLong last =
        lastTenth.computeIfAbsent(client.id() + "/" + file.name(), key -> new AtomicLong(-1));
    if (last.getAndSet(tenth) != tenth) {
      out.println(client.id() + ": " + file.name() + " " + tenth * 10 + "%");
    }
  }

  @Override
  public void fileFinished(Client client, FileOutcome outcome) {
    if (outcome.action().transfers()) {
      out.println(client.id() + ": " + outcome.name() + " " + outcome.status());
    }
  }

  @Override
  public void clientFinished(UpdateReport report) {
    out.println(report.client().id() + ": " + (report.succeeded() ? "done" : "FAILED"));
  }
}
