package io.patchbay.transfer;

import io.patchbay.fetch.Artifact;
import io.patchbay.model.Client;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Moves one verified artifact to a client: its bytes, name, version, SHA-256 and size.
 *
 * <p>Implementations are thread-safe: one instance serves many clients at once. A call blocks until
 * the client has acknowledged the whole file, or fails; it honours interruption by throwing {@link
 * java.io.InterruptedIOException}, and registers I/O that an interrupt does not stop with the
 * caller's {@link io.patchbay.spi.AbortSignal}. Returning normally means the client accepted the
 * file; the orchestrator still confirms it by interrogating the client afterwards.
 */
@FunctionalInterface
public interface Transferer {

  /**
   * Streams {@code artifact} to {@code client}.
   *
   * @param progress told the running count of bytes sent, in order; may be called from a thread of
   *     the transport's own
   * @throws TransferRejectedException if the client refused the file
   * @throws IOException if the client cannot be reached or the transfer breaks off
   */
  void transfer(Client client, Artifact artifact, LongConsumer progress) throws IOException;
}
