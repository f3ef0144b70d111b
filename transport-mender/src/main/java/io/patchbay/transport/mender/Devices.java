package io.patchbay.transport.mender;

import io.patchbay.internal.Untrusted;
import io.patchbay.spi.AbortSignal;
import java.io.InterruptedIOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway knows of the Mender devices that talk to it, and the deployments it offers them:
 * the meeting point of the device-API server's threads, which record what devices send, and the
 * orchestrator's, which wait for it.
 *
 * <p>One monitor guards everything, and every change wakes every waiter, which re-checks its own
 * condition against its own deadline. Devices report every few seconds at most, so the monitor is
 * held briefly and rarely; one lock keeps device, token and offer consistent without an ordering to
 * get wrong. Waits end at their deadline by timed {@code wait}, not by an interrupt, and an aborted
 * {@link AbortSignal} wakes them too. Thread-safe.
 */
final class Devices {

  private static final Logger LOG = LoggerFactory.getLogger(Devices.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One device, by the value of its identity attribute. */
  private static final class Device {
    final String id;
    String token;
    Map<String, String> provides;
    // False until the device reports its provides, and again once a deployment ends, until its
    // next poll: its provides then may predate what the deployment installed.
    boolean fresh;
    Map<String, String> inventory = Map.of();
    Offer offer;
    // The last deployment the gateway gave up on, so that the device's late reports about it are
    // answered 409 and it stops; one per device, so this stays bounded.
    String abandoned;

    Device(String id) {
      this.id = id;
    }
  }

  private final DeviceAdmission admission;
  private final int maxDevices;
  private final Map<String, Device> byId = new HashMap<>();
  private final Map<String, Device> byToken = new HashMap<>();
  private final Map<String, Offer> offers = new HashMap<>();

  Devices(DeviceAdmission admission, int maxDevices) {
    this.admission = admission;
    this.maxDevices = maxDevices;
  }

  /**
   * Admits the device named {@code id} that presents {@code key} and returns its new token, or
   * {@code null} if the admission or the device limit refuses it.
   */
  synchronized String authenticate(String id, PublicKey key) {
    if (!admission.admits(id, key)) {
      LOG.info("Mender device {} is not admitted; it will keep asking", Untrusted.quote(id));
      return null;
    }
    Device device = byId.get(id);
    if (device == null) {
      if (byId.size() >= maxDevices) {
        LOG.warn(
            "Refused Mender device {}: {} devices are known, the limit",
            Untrusted.quote(id),
            maxDevices);
        return null;
      }
      device = new Device(id);
      byId.put(id, device);
      if (admission.acceptsAll()) {
        LOG.warn("Admitted Mender device {} under accept-all (labs only)", Untrusted.quote(id));
      }
    }
    if (device.token != null) {
      byToken.remove(device.token);
    }
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    device.token = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    byToken.put(device.token, device);
    return device.token;
  }

  /** The id of the device that holds {@code token}, or {@code null} if none does. */
  synchronized String deviceOf(String token) {
    Device device = byToken.get(token);
    return device == null ? null : device.id;
  }

  /**
   * The device type device {@code id} reported last, in its provides or else its inventory, or
   * {@code null} if it reported none.
   */
  synchronized String deviceType(String id) {
    Device device = byId.get(id);
    if (device == null) {
      return null;
    }
    String type = device.provides == null ? null : device.provides.get("device_type");
    return type != null ? type : device.inventory.get("device_type");
  }

  /** Records an inventory update. */
  synchronized void inventory(String id, Map<String, String> attributes) {
    byId.get(id).inventory = attributes;
  }

  /** The device's last inventory; empty if it sent none. */
  synchronized Map<String, String> inventoryOf(String id) {
    Device device = byId.get(id);
    return device == null ? Map.of() : device.inventory;
  }

  /**
   * Records a poll for the next deployment with what the device provides now, and returns the
   * deployment offered to it, or {@code null} if there is none. A device that polls again before
   * reporting an outcome (it restarted) is offered the same deployment again.
   */
  synchronized Offer poll(String id, Map<String, String> provides) {
    Device device = byId.get(id);
    device.provides = provides;
    device.fresh = true;
    Offer offer = device.offer;
    if (offer != null && !offer.finished()) {
      if (offer.state == Offer.State.OFFERED) {
        offer.state = Offer.State.FETCHED;
        offer.fetchedNanos = System.nanoTime();
      }
      notifyAll();
      return offer;
    }
    notifyAll();
    return null;
  }

  /** The outcome of a status report, for the server's answer. */
  enum Report {
    ACCEPTED,
    UNKNOWN,
    GONE
  }

  /** Records a status report for the deployment {@code offerId} of device {@code id}. */
  synchronized Report status(String id, String offerId, String status) {
    Offer offer = offers.get(offerId);
    if (offer == null || !offer.deviceId.equals(id)) {
      return offerId.equals(byId.get(id).abandoned) ? Report.GONE : Report.UNKNOWN;
    }
    if (offer.finished()) {
      return Report.GONE;
    }
    offer.lastStatus = status;
    switch (status) {
      case "success", "already-installed" -> finish(offer, Offer.State.SUCCEEDED);
      case "failure" -> finish(offer, Offer.State.FAILED);
      default -> {
        // A progress report: the deployment is still going.
      }
    }
    notifyAll();
    return Report.ACCEPTED;
  }

  /** Records the log of deployment {@code offerId} of device {@code id}. */
  synchronized Report log(String id, String offerId, List<String> lines) {
    Offer offer = offers.get(offerId);
    if (offer == null || !offer.deviceId.equals(id)) {
      return Report.UNKNOWN;
    }
    offer.log = List.copyOf(lines);
    notifyAll();
    return Report.ACCEPTED;
  }

  /** The deployment whose artifact {@code offerId} names, if a device may download it now. */
  synchronized Offer downloadable(String offerId) {
    Offer offer = offers.get(offerId);
    return offer == null || offer.state != Offer.State.FETCHED ? null : offer;
  }

  /**
   * Tells the transfer that {@code offer}'s device holds {@code end} bytes of it. Downloads of one
   * deployment (a resumed one beside a stale one) report under the offer's own lock, so the
   * transfer hears a rising count, in order, without holding up other devices.
   */
  void sent(Offer offer, long end) {
    synchronized (offer) {
      if (end > offer.sentHighWater) {
        offer.sentHighWater = end;
        offer.progress.accept(end);
      }
    }
  }

  /**
   * What device {@code id} provided in its latest poll, waiting up to {@code timeout} for a poll if
   * it was not seen yet or has not polled since its last deployment ended.
   *
   * @throws DeviceSilentException if it did not poll in time
   * @throws InterruptedIOException if the thread is interrupted or the caller's signal aborted
   */
  Map<String, String> awaitProvides(String id, Duration timeout) throws InterruptedIOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    AbortSignal signal = AbortSignal.current();
    AbortSignal.Registration wake = signal.onAbort(this::wakeAll);
    try {
      synchronized (this) {
        while (true) {
          Device device = byId.get(id);
          if (device != null && device.fresh) {
            return device.provides;
          }
          await(deadline, signal, () -> new DeviceSilentException(id, "poll", timeout));
        }
      }
    } finally {
      wake.close();
    }
  }

  /**
   * Offers {@code payload} to device {@code id} on its next poll and waits until the device reports
   * the outcome: returns on {@code success}, throws on {@code failure} with the device's log, or
   * when a deadline passes.
   *
   * @param pollTimeout how long the device may take to fetch the deployment
   * @param installTimeout how long it may take from then to report its outcome
   * @param logWait how long to wait for its log after a {@code failure}
   * @throws DeploymentFailedException if the device reported {@code failure}
   * @throws DeviceSilentException if it did not fetch the deployment or report its outcome in time
   * @throws InterruptedIOException if the thread is interrupted or the caller's signal aborted
   */
  void deploy(
      String id,
      Payload payload,
      LongConsumer progress,
      Duration pollTimeout,
      Duration installTimeout,
      Duration logWait)
      throws InterruptedIOException {
    long offeredNanos = System.nanoTime();
    Offer offer = new Offer(UUID.randomUUID().toString(), id, payload, progress);
    AbortSignal signal = AbortSignal.current();
    AbortSignal.Registration wake = signal.onAbort(this::wakeAll);
    try {
      synchronized (this) {
        // Not seen yet (a transfer without interrogation): it has until the poll deadline to come.
        long pollDeadline = offeredNanos + pollTimeout.toNanos();
        Device device;
        while ((device = byId.get(id)) == null) {
          await(pollDeadline, signal, () -> new DeviceSilentException(id, "poll", pollTimeout));
        }
        if (device.offer != null && !device.offer.finished()) {
          finish(device.offer, Offer.State.ABANDONED);
        }
        device.offer = offer;
        offers.put(offer.id, offer);
        try {
          awaitOutcome(offer, offeredNanos, signal, pollTimeout, installTimeout);
          if (offer.state == Offer.State.FAILED) {
            long logDeadline = System.nanoTime() + logWait.toNanos();
            while (offer.log == null && System.nanoTime() - logDeadline < 0) {
              await(logDeadline, signal, () -> null);
            }
            throw new DeploymentFailedException(
                id, payload.artifactName(), offer.log == null ? List.of() : offer.log);
          }
        } finally {
          if (!offer.finished()) {
            finish(offer, Offer.State.ABANDONED);
          }
          if (offer.state == Offer.State.ABANDONED) {
            device.abandoned = offer.id;
          }
          offers.remove(offer.id);
          if (device.offer == offer) {
            device.offer = null;
          }
        }
      }
    } finally {
      wake.close();
    }
  }

  private void awaitOutcome(
      Offer offer,
      long offeredNanos,
      AbortSignal signal,
      Duration pollTimeout,
      Duration installTimeout)
      throws InterruptedIOException {
    while (!offer.finished()) {
      if (offer.state == Offer.State.OFFERED) {
        await(
            offeredNanos + pollTimeout.toNanos(),
            signal,
            () ->
                new DeviceSilentException(
                    offer.deviceId, "poll for deployment " + offer.id, pollTimeout));
      } else {
        await(
            offer.fetchedNanos + installTimeout.toNanos(),
            signal,
            () ->
                new DeviceSilentException(
                    offer.deviceId,
                    "report the outcome of deployment "
                        + offer.id
                        + " (last status: "
                        + Untrusted.quote(offer.lastStatus)
                        + ")",
                    installTimeout));
      }
    }
    if (offer.state == Offer.State.ABANDONED) {
      // Replaced by a newer offer to the same device, made by another transfer.
      throw new DeviceSilentException(offer.deviceId, "finish before a newer offer", Duration.ZERO);
    }
  }

  /**
   * Waits, holding the monitor, until notified or {@code deadline} (in {@link System#nanoTime()}
   * terms); throws what {@code late} makes if the deadline passed (nothing if it makes {@code
   * null}), or an {@link InterruptedIOException} if interrupted or aborted.
   */
  @SuppressWarnings("WaitNotInLoop") // every caller loops on its own condition
  private void await(long deadline, AbortSignal signal, Supplier<RuntimeException> late)
      throws InterruptedIOException {
    if (signal.isAborted()) {
      throw new InterruptedIOException(signal.reason());
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      RuntimeException error = late.get();
      if (error != null) {
        throw error;
      }
      return;
    }
    try {
      // Rounded up, so the loop never spins on a sub-millisecond remainder.
      wait(Math.max(1, (left + 999_999) / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for a Mender device");
    }
  }

  private void finish(Offer offer, Offer.State outcome) {
    offer.state = outcome;
    Device device = byId.get(offer.deviceId);
    if (device != null) {
      device.fresh = false;
    }
    notifyAll();
  }

  private synchronized void wakeAll() {
    notifyAll();
  }
}
