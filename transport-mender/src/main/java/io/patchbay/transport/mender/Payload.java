package io.patchbay.transport.mender;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes of one Mender artifact that devices download from the gateway, with what its header
 * says. Opened once per download (and once per resumed range), closed when its transfer ends;
 * thread-safe.
 */
interface Payload extends AutoCloseable {

  /** The artifact's {@code artifact_name}, as the deployment names it. */
  String artifactName();

  /** The device types it is for. */
  List<String> deviceTypes();

  /** Its exact size in bytes. */
  long size();

  /**
   * Opens its bytes from the start; the caller closes the stream.
   *
   * @throws IOException if the gateway's copy cannot be read
   */
  InputStream open() throws IOException;

  /** Releases what the payload holds for the transfer; a no-op unless the gateway wrapped it. */
  @Override
  default void close() {}
}
