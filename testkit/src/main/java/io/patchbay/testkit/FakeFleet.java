package io.patchbay.testkit;

import io.patchbay.fetch.Artifact;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.transfer.Transferer;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A simulated local network of {@link FakeDevice}s: interrogates and transfers to whichever device
 * plays the client asked for. A client with no device behaves like an unreachable host.
 *
 * <p>Thread-safe.
 */
public final class FakeFleet implements ClientInterrogator, Transferer {

  private final Map<String, FakeDevice> devices =
      Collections.synchronizedMap(new LinkedHashMap<>());

  /** Adds a device playing {@code client}, holding no files yet. */
  public FakeDevice add(Client client) {
    FakeDevice device = new FakeDevice(client);
    if (devices.putIfAbsent(client.id(), device) != null) {
      throw new IllegalArgumentException("Client " + client.id() + " is already in the fleet");
    }
    return device;
  }

  /** Adds a device for a client at {@code fake://id}. */
  public FakeDevice add(String id) {
    return add(Client.of(id, "fake://" + id));
  }

  /** The device playing client {@code id}. */
  public FakeDevice device(String id) {
    FakeDevice device = devices.get(id);
    if (device == null) {
      throw new IllegalArgumentException("No device " + id);
    }
    return device;
  }

  /** The clients of every device, in the order they were added. */
  public List<Client> clients() {
    return devices().stream().map(FakeDevice::client).toList();
  }

  /** The devices, in the order they were added. */
  public Collection<FakeDevice> devices() {
    synchronized (devices) {
      return List.copyOf(devices.values());
    }
  }

  @Override
  public Manifest interrogate(Client client) throws IOException {
    return find(client).interrogate();
  }

  @Override
  public void transfer(Client client, Artifact artifact, LongConsumer progress) throws IOException {
    find(client).receive(artifact, progress);
  }

  private FakeDevice find(Client client) throws ConnectException {
    FakeDevice device = devices.get(client.id());
    if (device == null) {
      throw new ConnectException("No device answers at " + client.endpoint());
    }
    return device;
  }
}
