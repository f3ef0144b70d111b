package io.patchbay.device;

import io.patchbay.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * A running reference device: it speaks one transport's device protocol at {@link #endpoint()} and
 * keeps the files it installs, and the manifest it reports of them, under a directory so that both
 * survive a restart. Each transport has one ({@code HttpDeviceAgent}, {@code TftpDeviceAgent});
 * Java-capable clients can run it as is, and tests and the demo use it as a real device.
 * Thread-safe.
 */
public interface DeviceAgent extends AutoCloseable {

  /** The URI a gateway reaches this device at, such as {@code http://127.0.0.1:41234}. */
  URI endpoint();

  /** What the device holds, as it would answer an interrogation. */
  Manifest manifest();

  /**
   * Where the device keeps file {@code name}.
   *
   * @throws io.patchbay.model.InvalidFileNameException if {@code name} is not a valid file name
   */
  Path pathOf(String name);

  /**
   * Installs a file locally, as the factory or a previous update would have: for seeding a
   * simulated device with older versions. Its size and SHA-256 are computed from {@code content}.
   *
   * @throws IOException if the file cannot be written
   */
  void install(String name, String version, InputStream content) throws IOException;

  /** Stops serving at once; transfers in progress break off and leave nothing installed. */
  @Override
  void close();
}
