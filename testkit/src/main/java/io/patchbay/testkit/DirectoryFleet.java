package io.patchbay.testkit;

import io.patchbay.fetch.Artifact;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.transfer.TransferRejectedException;
import io.patchbay.transfer.Transferer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Simulated clients whose whole state lives in files under one directory, so it outlives the JVM
 * that updates them: for tests that kill a gateway and restart it. Each client has a directory with
 * its files and a {@code state.log} of one line per file it was given at set-up ({@code held}) or
 * accepted from a transfer ({@code received}); its current list is the log's last line per file.
 *
 * <p>A transfer streams into a temporary file, checks size and digest like a careful device, moves
 * the file into place, then appends its log line in one write: a gateway killed at any moment
 * leaves either the old state or the new one, and a {@code received} line only for a whole file.
 * Thread-safe for different clients; one client is updated by one thread at a time.
 */
public final class DirectoryFleet implements ClientInterrogator, Transferer {

  /** The URI scheme of this fleet's clients. */
  public static final String SCHEME = "dir";

  private static final String LOG = "state.log";

  private final Path root;

  /** A fleet whose clients live under {@code root}, which may already hold them. */
  public DirectoryFleet(Path root) {
    this.root = root;
  }

  /**
   * Creates a client holding {@code files} (name to version; the content is the name and version as
   * text).
   *
   * @throws IOException if its directory cannot be written
   */
  public Client add(String id, Map<String, String> files) throws IOException {
    Path home = Files.createDirectories(root.resolve(id));
    for (Map.Entry<String, String> file : files.entrySet()) {
      byte[] content = (file.getKey() + " " + file.getValue()).getBytes(StandardCharsets.UTF_8);
      Files.write(home.resolve(stored(file.getKey())), content);
      append(
          home,
          "held",
          file.getKey(),
          file.getValue(),
          InMemoryCatalog.sha256(content),
          content.length);
    }
    return client(id);
  }

  /**
   * Every client under the root, ordered by id.
   *
   * @throws IOException if the root cannot be listed
   */
  public List<Client> clients() throws IOException {
    try (Stream<Path> homes = Files.list(root)) {
      return homes
          .filter(Files::isDirectory)
          .map(home -> home.getFileName().toString())
          .sorted()
          .map(DirectoryFleet::client)
          .toList();
    }
  }

  /** How many times client {@code id} accepted file {@code name}. */
  public long receivedCount(String id, String name) throws IOException {
    return lines(root.resolve(id)).stream()
        .filter(line -> line[0].equals("received") && line[1].equals(name))
        .count();
  }

  /** The version of {@code name} that client {@code id} holds, or {@code null}. */
  public String version(String id, String name) throws IOException {
    FileEntry entry = manifest(root.resolve(id)).files().get(name);
    return entry == null ? null : entry.version();
  }

  @Override
  public Manifest interrogate(Client client) throws IOException {
    return manifest(home(client));
  }

  @Override
  public void transfer(Client client, Artifact artifact, LongConsumer progress) throws IOException {
    Path home = home(client);
    CatalogEntry entry = artifact.entry();
    Path incoming = home.resolve("incoming.tmp");
    MessageDigest sha256 = VerifyingCopy.newSha256();
    long size = 0;
    try (InputStream in = artifact.open();
        OutputStream out = new DigestOutputStream(Files.newOutputStream(incoming), sha256)) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        size += n;
        progress.accept(size);
      }
    }
    Sha256 digest = Sha256.of(sha256.digest());
    if (size != entry.size() || !digest.equals(entry.sha256())) {
      throw new TransferRejectedException(
          client.id(),
          entry.name(),
          TransferRejectedException.Reason.DIGEST_MISMATCH,
          "received " + size + " bytes with sha-256 " + digest);
    }
    Files.move(
        incoming,
        home.resolve(stored(entry.name())),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    append(home, "received", entry.name(), entry.version(), digest, size);
  }

  private Path home(Client client) throws ConnectException {
    Path home = root.resolve(client.id());
    if (!SCHEME.equals(client.endpoint().getScheme()) || !Files.isDirectory(home)) {
      throw new ConnectException("No device answers at " + client.endpoint());
    }
    return home;
  }

  private static Client client(String id) {
    return Client.of(id, SCHEME + ":" + id);
  }

  private static Manifest manifest(Path home) throws IOException {
    Map<String, FileEntry> files = new LinkedHashMap<>();
    for (String[] line : lines(home)) {
      files.put(
          line[1], new FileEntry(line[1], line[2], Sha256.parse(line[3]), Long.parseLong(line[4])));
    }
    return Manifest.of(new ArrayList<>(files.values()));
  }

  private static List<String[]> lines(Path home) throws IOException {
    return Files.readAllLines(home.resolve(LOG), StandardCharsets.UTF_8).stream()
        .map(line -> line.split("\t"))
        .toList();
  }

  /** Appends one log line in a single write, so that a kill leaves it whole or absent. */
  private static void append(
      Path home, String kind, String name, String version, Sha256 digest, long size)
      throws IOException {
    String line = kind + "\t" + name + "\t" + version + "\t" + digest.hex() + "\t" + size + "\n";
    Files.write(
        home.resolve(LOG),
        line.getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  private static String stored(String name) {
    return "file-" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
