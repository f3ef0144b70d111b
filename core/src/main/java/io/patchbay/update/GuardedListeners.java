package io.patchbay.update;

import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.PlannedFile;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.FleetReport;
import io.patchbay.report.UpdateReport;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every registered listener, and keeps a failing listener from disturbing the update. */
final class GuardedListeners implements UpdateListener {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedListeners.class);

  private final List<UpdateListener> listeners;

  GuardedListeners(List<UpdateListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(Consumer<UpdateListener> event) {
    for (UpdateListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("Listener {} failed; the update goes on", listener.getClass().getName(), e);
      }
    }
  }

  @Override
  public void catalogFetched(Catalog catalog) {
    each(listener -> listener.catalogFetched(catalog));
  }

  @Override
  public void interrogated(Client client, Manifest current) {
    each(listener -> listener.interrogated(client, current));
  }

  @Override
  public void planned(Client client, UpdatePlan plan) {
    each(listener -> listener.planned(client, plan));
  }

  @Override
  public void fileStarted(Client client, PlannedFile file) {
    each(listener -> listener.fileStarted(client, file));
  }

  @Override
  public void bytesTransferred(Client client, PlannedFile file, long total) {
    each(listener -> listener.bytesTransferred(client, file, total));
  }

  @Override
  public void fileFinished(Client client, FileOutcome outcome) {
    each(listener -> listener.fileFinished(client, outcome));
  }

  @Override
  public void clientFinished(UpdateReport report) {
    each(listener -> listener.clientFinished(report));
  }

  @Override
  public void runFinished(FleetReport report) {
    each(listener -> listener.runFinished(report));
  }
}
