package io.patchbay.transport.mender;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * One deployment offered to one device: what it downloads, and how far it got. Its mutable state is
 * guarded by the {@link Devices} that made it.
 */
final class Offer {

  /** Where a deployment stands, as far as the gateway knows. */
  enum State {
    /** Waiting for the device's next poll. */
    OFFERED,
    /** The device fetched it and reports its progress. */
    FETCHED,
    /** The device reported {@code success} or {@code already-installed}. */
    SUCCEEDED,
    /** The device reported {@code failure}. */
    FAILED,
    /** The gateway gave up waiting; the device's reports are refused (409). */
    ABANDONED
  }

  final String id;
  final String deviceId;
  final Payload payload;
  final LongConsumer progress;

  State state = State.OFFERED;
  long fetchedNanos;
  String lastStatus;
  List<String> log;
  long sentHighWater;

  Offer(String id, String deviceId, Payload payload, LongConsumer progress) {
    this.id = id;
    this.deviceId = deviceId;
    this.payload = payload;
    this.progress = progress;
  }

  boolean finished() {
    return state == State.SUCCEEDED || state == State.FAILED || state == State.ABANDONED;
  }
}
