package io.patchbay.testkit;

import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.transfer.TransferRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * One simulated client: it holds files with versions, reports them when interrogated, and accepts
 * transfers the way a careful device does (it checks size and digest before it replaces a file). It
 * can be told to fail, to lie about what it installed, or to be slow.
 *
 * <p>Thread-safe. Created through {@link FakeFleet#add(Client)}.
 */
public final class FakeDevice {

  private final Client client;
  private final Map<String, StoredFile> files = new LinkedHashMap<>();
  private final List<FileEntry> received = new ArrayList<>();
  private final Map<String, Exception> transferFailures = new ConcurrentHashMap<>();
  private final Set<String> lies = ConcurrentHashMap.newKeySet();
  private final AtomicInteger interrogations = new AtomicInteger();
  private volatile Exception interrogationFailure;
  private volatile Duration latency = Duration.ZERO;

  FakeDevice(Client client) {
    this.client = client;
  }

  /** The client this device plays. */
  public Client client() {
    return client;
  }

  /** Installs a file whose content is its name and version, as text. */
  public FakeDevice holding(String name, String version) {
    return holding(name, version, (name + " " + version).getBytes(StandardCharsets.UTF_8));
  }

  /** Installs a file with this content. */
  public synchronized FakeDevice holding(String name, String version, byte[] content) {
    files.put(name, new StoredFile(version, content.clone()));
    return this;
  }

  /** From now on every interrogation fails with {@code failure}; {@code null} heals it. */
  public FakeDevice failInterrogation(Exception failure) {
    this.interrogationFailure = failure;
    return this;
  }

  /** From now on transfers of {@code name} fail with {@code failure} before any byte is stored. */
  public FakeDevice failTransferOf(String name, Exception failure) {
    transferFailures.put(name, failure);
    return this;
  }

  /**
   * Accepts transfers of {@code name} but goes on reporting the old version, as a broken installer
   * would.
   */
  public FakeDevice lieAbout(String name) {
    lies.add(name);
    return this;
  }

  /** Waits this long before answering each interrogation and each transfer. */
  public FakeDevice latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** The version of {@code name} the device holds, or {@code null}. */
  public synchronized String version(String name) {
    StoredFile file = files.get(name);
    return file == null ? null : file.version;
  }

  /** The content of {@code name} the device holds, or {@code null}. */
  public synchronized byte[] content(String name) {
    StoredFile file = files.get(name);
    return file == null ? null : file.content.clone();
  }

  /** Every file the device accepted, in order. */
  public synchronized List<FileEntry> received() {
    return List.copyOf(received);
  }

  /** How often the device was interrogated. */
  public int interrogationCount() {
    return interrogations.get();
  }

  Manifest interrogate() throws IOException {
    interrogations.incrementAndGet();
    pause();
    Exception failure = interrogationFailure;
    if (failure != null) {
      throw rethrowable(failure);
    }
    synchronized (this) {
      List<FileEntry> entries = new ArrayList<>(files.size());
      files.forEach(
          (name, file) ->
              entries.add(
                  new FileEntry(
                      name,
                      file.version,
                      InMemoryCatalog.sha256(file.content),
                      file.content.length)));
      return Manifest.of(entries);
    }
  }

  void receive(Artifact artifact, LongConsumer progress) throws IOException {
    CatalogEntry entry = artifact.entry();
    pause();
    Exception failure = transferFailures.get(entry.name());
    if (failure != null) {
      throw rethrowable(failure);
    }
    byte[] content = readAll(artifact, progress);
    Sha256 digest = InMemoryCatalog.sha256(content);
    if (content.length != entry.size() || !digest.equals(entry.sha256())) {
      throw new TransferRejectedException(
          client.id(),
          entry.name(),
          TransferRejectedException.Reason.DIGEST_MISMATCH,
          "received " + content.length + " bytes with sha-256 " + digest);
    }
    synchronized (this) {
      received.add(entry.toFileEntry());
      if (!lies.contains(entry.name())) {
        files.put(entry.name(), new StoredFile(entry.version(), content));
      }
    }
  }

  private static byte[] readAll(Artifact artifact, LongConsumer progress) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = artifact.open()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        progress.accept(out.size());
      }
    }
    return out.toByteArray();
  }

  private void pause() throws InterruptedIOException {
    Duration wait = latency;
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Fake device " + client.id() + " interrupted");
    }
  }

  private static IOException rethrowable(Exception failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof IOException io) {
      return io;
    }
    return new IOException(failure);
  }

  @SuppressWarnings("ArrayRecordComponent") // private; never compared or handed out
  private record StoredFile(String version, byte[] content) {}
}
