package io.patchbay.campaign;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a campaign's listeners, in the order they were added, on the thread the event happens on. A
 * listener that throws is logged and the campaign goes on: watching a campaign must not change its
 * outcome.
 */
final class CampaignEvents {

  private static final Logger LOG = LoggerFactory.getLogger(Campaign.class);

  private final List<CampaignListener> listeners;

  CampaignEvents(List<CampaignListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void tell(Consumer<CampaignListener> event) {
    for (CampaignListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn(
            "Campaign listener {} failed; the campaign goes on", listener.getClass().getName(), e);
      }
    }
  }
}
