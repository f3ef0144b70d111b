package io.patchbay.internal.device;

import io.patchbay.device.DeviceAgent;
import io.patchbay.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A {@link DeviceAgent} whose files and manifest are a {@link DeviceStore}: the reference agents of
 * every transport extend it, so what they answer from their store is written once, and each adds
 * only its protocol.
 */
public abstract class StoredDeviceAgent implements DeviceAgent {

  private final DeviceStore store;

  /**
   * Opens the store under {@code directory}.
   *
   * @throws IOException if the directory cannot be prepared or its manifest cannot be read
   */
  protected StoredDeviceAgent(Path directory) throws IOException {
    this.store = DeviceStore.open(directory);
  }

  /** The store that receives and installs this agent's files. */
  protected final DeviceStore store() {
    return store;
  }

  @Override
  public final Manifest manifest() {
    return store.manifest();
  }

  @Override
  public final Path pathOf(String name) {
    return store.pathOf(name);
  }

  @Override
  public final void install(String name, String version, InputStream content) throws IOException {
    store.install(name, version, content);
  }
}
