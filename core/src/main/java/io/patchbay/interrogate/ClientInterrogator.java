package io.patchbay.interrogate;

import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import java.io.IOException;

/**
 * Asks a client for its current list: every software file it holds, with versions.
 *
 * <p>Implementations are thread-safe: one instance serves many clients at once. Calls block until
 * the client answers or the implementation's timeout passes, and honour interruption by throwing
 * {@link java.io.InterruptedIOException}; I/O that an interrupt does not stop they register with
 * the caller's {@link io.patchbay.spi.AbortSignal}.
 */
@FunctionalInterface
public interface ClientInterrogator {

  /**
   * Returns what {@code client} reports it holds.
   *
   * @throws IOException if the client cannot be reached or does not answer in time
   * @throws io.patchbay.PatchbayException if its answer breaks the protocol or the manifest format
   */
  Manifest interrogate(Client client) throws IOException;
}
