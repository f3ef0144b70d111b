package io.patchbay.campaign;

import java.io.IOException;

/**
 * Thrown by a {@link CampaignState} when a worker is about to act on a client whose lease it no
 * longer holds: the lease expired (the worker could not renew it in time) and another worker may
 * have taken the client. The step is not acted on; the campaign does not stop for it, since the
 * other worker carries the client on.
 *
 * <p>An {@link IOException} and not a {@link io.patchbay.PatchbayException}: it comes out of the
 * step hook, whose failures are I/O failures, and fails the step like one.
 */
public final class ClientLeaseLostException extends IOException {

  private final String clientId;
  private final String workerId;

  /** Creates the error for {@code workerId}'s lost lease on {@code clientId}. */
  public ClientLeaseLostException(String clientId, String workerId) {
    super("Worker " + workerId + " no longer holds the lease on client " + clientId);
    this.clientId = clientId;
    this.workerId = workerId;
  }

  /** The client. */
  public String clientId() {
    return clientId;
  }

  /** The worker that lost its lease. */
  public String workerId() {
    return workerId;
  }
}
