package io.patchbay.update;

import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.report.Step;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lets a caller act around the steps of one client's update in an {@link UpdateSession}: record a
 * step durably before it is acted on, hold a step back (for a maintenance window or a transfer
 * slot), or shape the bytes of a transfer. A campaign is built on these.
 *
 * <p>Called on the client's thread, outside the step's deadline, so a hook may block for as long as
 * it needs; it must honour interruption by throwing {@link java.io.InterruptedIOException}, as
 * session cancellation interrupts the thread.
 */
public interface StepHooks {

  /** Does nothing. */
  StepHooks NONE = new StepHooks() {};

  /**
   * Called before {@code step} is acted on. Throwing fails the step with that exception: the
   * client's update for {@link Step#INTERROGATE} and {@link Step#CONFIRM}, the file for {@link
   * Step#FETCH} and {@link Step#TRANSFER}.
   *
   * @param file the catalog entry for {@link Step#FETCH} and {@link Step#TRANSFER}, otherwise
   *     {@code null}
   * @throws IOException to fail the step
   */
  default void beforeStep(Client client, Step step, CatalogEntry file) throws IOException {}

  /**
   * Called after a step that {@link #beforeStep} let through has ended, successfully or not; pairs
   * with it to release what it took.
   *
   * @param bytes bytes sent to the client for {@link Step#TRANSFER}, otherwise 0
   * @param failure why the step failed, or {@code null}
   */
  default void afterStep(
      Client client, Step step, CatalogEntry file, long bytes, Throwable failure) {}

  /**
   * Wraps the bytes of an artifact as the transferer reads them to send them to the client; the
   * default returns {@code bytes} itself. The returned stream closes {@code bytes}.
   */
  default InputStream transferring(Client client, CatalogEntry file, InputStream bytes) {
    return bytes;
  }
}
