package io.patchbay.internal.device;

import io.patchbay.fetch.Durability;
import io.patchbay.format.ManifestJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.FileEntry;
import io.patchbay.model.FileNames;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a device holds under one directory, and the manifest it reports of them, kept so that
 * both survive a restart or a power cut: the shared storage of the reference device agents of every
 * transport.
 *
 * <p>A file is installed with an atomic rename of a file already verified, so the previous version
 * stays in place until the new one replaces it, and the manifest is replaced the same way. State
 * lives in {@code <directory>/.patchbay/}: {@code manifest.json}, and {@code incoming/} for files
 * in transit, emptied when the store is opened. That name is reserved: nothing can be installed
 * there. Thread-safe; installs run one at a time.
 */
public final class DeviceStore {

  /** The directory of the store's own state under its root; nothing can be installed under it. */
  public static final String STATE = ".patchbay";

  private final Path root;
  private final Path incoming;
  private final Path manifestFile;
  private volatile Manifest manifest;

  private DeviceStore(Path root, Path incoming, Path manifestFile, Manifest manifest) {
    this.root = root;
    this.incoming = incoming;
    this.manifestFile = manifestFile;
    this.manifest = manifest;
  }

  /**
   * Opens the store under {@code directory}, creating it if needed: forgets files left in transit
   * by a previous run and loads the manifest it recorded.
   *
   * @throws IOException if the directory cannot be prepared or the manifest cannot be read
   * @throws io.patchbay.format.FormatException if the recorded manifest is malformed
   */
  public static DeviceStore open(Path directory) throws IOException {
    Path root = Files.createDirectories(directory).toRealPath();
    Path incoming = Files.createDirectories(root.resolve(STATE).resolve("incoming"));
    try (var leftovers = Files.list(incoming)) {
      for (Path leftover : leftovers.toList()) {
        Files.deleteIfExists(leftover);
      }
    }
    Path manifestFile = root.resolve(STATE).resolve("manifest.json");
    Manifest manifest = Manifest.empty();
    if (Files.exists(manifestFile)) {
      try (InputStream in = Files.newInputStream(manifestFile)) {
        manifest = ManifestJson.read(in);
      }
    }
    return new DeviceStore(root, incoming, manifestFile, manifest);
  }

  /** What the device holds, as it would answer an interrogation. */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * Where the device keeps file {@code name}.
   *
   * @throws io.patchbay.model.InvalidFileNameException if {@code name} is not a valid file name
   */
  public Path pathOf(String name) {
    return root.resolve(FileNames.requireValid(name));
  }

  /**
   * Whether {@code name} lies in the store's own state, where nothing can be installed. Matched
   * ignoring case, since {@code .PATCHBAY} is {@code .patchbay} on a case-insensitive file system.
   */
  public static boolean isReserved(String name) {
    return name.regionMatches(true, 0, STATE, 0, STATE.length())
        && (name.length() == STATE.length() || name.charAt(STATE.length()) == '/');
  }

  /**
   * Creates an empty file for bytes in transit, on the same file system as the installed files so
   * that installing it is a rename. The caller deletes it if it is not installed.
   *
   * @throws IOException if the file cannot be created
   */
  public Path newIncomingFile(String prefix) throws IOException {
    return Files.createTempFile(incoming, prefix, ".part");
  }

  /**
   * The bytes free for files in transit, to refuse a file that cannot fit before it arrives.
   *
   * @throws IOException if the file system cannot tell
   */
  public long usableSpace() throws IOException {
    return Files.getFileStore(incoming).getUsableSpace();
  }

  /**
   * Installs a file from {@code content}, trusting it, as the factory or a previous update would
   * have: for seeding a simulated device with older versions. Its size and SHA-256 are computed.
   *
   * @throws IOException if the file cannot be written
   */
  public void install(String name, String version, InputStream content) throws IOException {
    Path temporary = newIncomingFile("local-");
    try {
      MessageDigest digest = VerifyingCopy.newSha256();
      long size;
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        size = new DigestInputStream(content, digest).transferTo(Channels.newOutputStream(out));
        out.force(true);
      }
      installVerified(temporary, new FileEntry(name, version, Sha256.of(digest.digest()), size));
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Moves {@code verified}, a file already checked against {@code entry} and forced to disk, into
   * place with an atomic rename, and records {@code entry} durably in the manifest.
   *
   * @throws IOException if the file cannot be moved, would land outside the store (through a
   *     symbolic link), or the manifest cannot be written
   */
  public synchronized void installVerified(Path verified, FileEntry entry) throws IOException {
    Path target = root.resolve(entry.name()).normalize();
    Path parent = Files.createDirectories(target.getParent());
    if (!target.startsWith(root) || !parent.toRealPath().startsWith(root)) {
      throw new IOException("Refusing to write outside " + root + ": " + entry.name());
    }
    Files.move(
        verified, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durability.syncDirectory(parent);
    List<FileEntry> entries = new ArrayList<>(manifest.entries());
    entries.removeIf(existing -> existing.name().equals(entry.name()));
    entries.add(entry);
    Manifest updated = Manifest.of(entries);
    writeManifest(updated);
    manifest = updated;
  }

  private void writeManifest(Manifest updated) throws IOException {
    Path temporary = newIncomingFile("manifest-");
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ManifestJson.write(updated, Channels.newOutputStream(out));
        out.force(true);
      }
      Files.move(
          temporary,
          manifestFile,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Durability.syncDirectory(manifestFile.getParent());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
