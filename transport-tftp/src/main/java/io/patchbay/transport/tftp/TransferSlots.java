package io.patchbay.transport.tftp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How many transfers a {@link TftpServer} runs at once, in all and for each client address. The
 * second bound keeps one host (or one forger of its address: a request is a single datagram) from
 * taking every transfer. Thread-safe: the listener takes slots, each transfer gives its own back.
 */
final class TransferSlots {

  private final int maxTotal;
  private final int maxPerClient;
  // Guarded by this; an address is present only while it holds a slot.
  private final Map<InetAddress, Integer> perClient = new HashMap<>();
  private int total;

  TransferSlots(int maxTotal, int maxPerClient) {
    this.maxTotal = maxTotal;
    this.maxPerClient = maxPerClient;
  }

  /**
   * Takes a slot for a transfer from {@code client} and returns {@code null}, or returns why none
   * is free, as the message of the ERROR to answer with ({@code busy:} marks it as a refusal to
   * retry later, as docs/protocol-tftp.md has it).
   */
  synchronized String tryAcquire(InetAddress client) {
    if (total >= maxTotal) {
      return "busy: too many transfers, try again later";
    }
    int held = perClient.getOrDefault(client, 0);
    if (held >= maxPerClient) {
      return "busy: too many transfers from this address, try again later";
    }
    perClient.put(client, held + 1);
    total++;
    return null;
  }

  /** Gives back a slot taken for {@code client}. */
  synchronized void release(InetAddress client) {
    perClient.computeIfPresent(client, (address, held) -> held <= 1 ? null : held - 1);
    total--;
  }
}
