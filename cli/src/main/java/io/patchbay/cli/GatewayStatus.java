package io.patchbay.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.patchbay.campaign.CampaignListener;
import io.patchbay.campaign.CampaignReport;
import io.patchbay.campaign.ClientOutcome;
import io.patchbay.internal.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the gateway is doing, for {@code /readyz} and {@code /status}: the last catalog, the
 * campaign's state and each client's. Fed by the gateway's loop and, as a listener, by its
 * campaigns; thread-safe (one lock: every call is short).
 */
final class GatewayStatus implements CampaignListener {

  private boolean ready;
  private long catalogSerial = -1;
  private String catalogState = "unknown";
  private String catalogError;
  private Instant catalogChecked;
  private long campaignSerial = -1;
  private String campaignState = "idle";
  private final Map<String, String> clients = new TreeMap<>();

  /** Clients in an attempt now, not waiting for a window or a retry: what a shutdown waits for. */
  private final Set<String> working = new HashSet<>();

  /** Whether a shutdown stopped waiting for the clients in an attempt (a second signal). */
  private boolean waitEnded;

  /** The head end answered with a catalog that was accepted. */
  synchronized void catalogAccepted(long serial, Instant at) {
    ready = true;
    catalogSerial = serial;
    catalogState = "accepted";
    catalogError = null;
    catalogChecked = at;
  }

  /** The head end answered with a catalog that was refused (not valid, not trusted). */
  synchronized void catalogRefused(String reason, Instant at) {
    ready = true;
    catalogState = "refused";
    catalogError = reason;
    catalogChecked = at;
  }

  /** The head end could not be reached; readiness is unchanged. */
  synchronized void catalogUnreachable(String reason, Instant at) {
    catalogState = "unreachable";
    catalogError = reason;
    catalogChecked = at;
  }

  /** Tells whether the first catalog was fetched or refused. */
  synchronized boolean ready() {
    return ready;
  }

  /** The gateway is shutting down. */
  synchronized void stopping() {
    campaignState = "stopping";
  }

  @Override
  public synchronized void campaignStarted(long serial, List<Integer> waveSizes, boolean resumed) {
    if (serial != campaignSerial) {
      clients.clear();
    }
    campaignSerial = serial;
    campaignState = "running";
  }

  @Override
  public synchronized void clientStarted(String clientId, int wave, int attempt) {
    clients.put(clientId, "updating");
    working.add(clientId);
  }

  @Override
  public synchronized void clientWaiting(String clientId, Instant until) {
    clients.put(clientId, "waiting");
    idle(clientId);
  }

  @Override
  public synchronized void clientRetrying(
      String clientId, int attempt, Duration backoff, String reason) {
    clients.put(clientId, "retrying");
    idle(clientId);
  }

  @Override
  public synchronized void clientFinished(ClientOutcome outcome) {
    clients.put(outcome.clientId(), outcome.status().name().toLowerCase(Locale.ROOT));
    idle(outcome.clientId());
  }

  @Override
  public synchronized void campaignPaused() {
    // The gateway pauses its campaign only to stop: say so rather than "paused".
    if (!campaignState.equals("stopping")) {
      campaignState = "paused";
    }
  }

  @Override
  public synchronized void campaignResumed() {
    campaignState = "running";
  }

  @Override
  public synchronized void campaignFinished(CampaignReport report) {
    campaignState = report.state().name().toLowerCase(Locale.ROOT);
  }

  private void idle(String clientId) {
    if (working.remove(clientId) && working.isEmpty()) {
      notifyAll();
    }
  }

  /** Ends every {@link #awaitNoClientWorking(long)}, now and later, as if its deadline passed. */
  synchronized void stopWaiting() {
    waitEnded = true;
    notifyAll();
  }

  /**
   * Waits until no client is in an attempt, or {@code deadline} ({@link System#nanoTime()}) passes,
   * or {@link #stopWaiting()}; woken by the campaign's events, not by polling.
   *
   * @return whether no client is in an attempt
   */
  synchronized boolean awaitNoClientWorking(long deadline) throws InterruptedException {
    for (long left = deadline - System.nanoTime(); !working.isEmpty(); ) {
      if (left <= 0 || waitEnded) {
        return false;
      }
      // Object.wait rounds down to whole milliseconds; wait at least one.
      wait(Math.max(1, Duration.ofNanos(left).toMillis()));
      left = deadline - System.nanoTime();
    }
    return true;
  }

  /** Writes the status as a JSON object. */
  synchronized void writeJson(OutputStream out) throws IOException {
    try (JsonGenerator json = Json.generator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeBooleanField("ready", ready);
      json.writeObjectFieldStart("catalog");
      if (catalogSerial >= 0) {
        json.writeNumberField("serial", catalogSerial);
      }
      json.writeStringField("state", catalogState);
      if (catalogError != null) {
        json.writeStringField("error", catalogError);
      }
      if (catalogChecked != null) {
        json.writeStringField("checked", catalogChecked.toString());
      }
      json.writeEndObject();
      json.writeObjectFieldStart("campaign");
      if (campaignSerial >= 0) {
        json.writeNumberField("serial", campaignSerial);
      }
      json.writeStringField("state", campaignState);
      json.writeEndObject();
      json.writeObjectFieldStart("clients");
      for (Map.Entry<String, String> client : clients.entrySet()) {
        json.writeStringField(client.getKey(), client.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
  }
}
