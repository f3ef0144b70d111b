package io.patchbay.model;

import java.util.Objects;

/**
 * One software file as a client reports it: its name, its version and, where the client knows them,
 * its SHA-256 digest and size.
 *
 * @param name a safe logical path, see {@link FileNames}
 * @param version the version identifier, in whatever scheme the catalog names for this file
 * @param sha256 the digest of the installed bytes, or {@code null} if the client did not report it
 * @param size the size in bytes, or {@link #UNKNOWN_SIZE} if the client did not report it
 */
public record FileEntry(String name, String version, Sha256 sha256, long size) {

  /** The size of a file whose size was not reported. */
  public static final long UNKNOWN_SIZE = -1;

  /**
   * Validates the entry.
   *
   * @throws InvalidFileNameException if the name is not a safe logical path
   * @throws io.patchbay.version.InvalidVersionException if the version is blank, over-long or holds
   *     white space or control characters
   * @throws IllegalArgumentException if the size is negative and not {@link #UNKNOWN_SIZE}
   */
  public FileEntry {
    FileNames.requireValid(name);
    Versions.requireWellFormed(name, version);
    if (size < UNKNOWN_SIZE) {
      throw new IllegalArgumentException("Size of " + name + " must not be negative: " + size);
    }
  }

  /** An entry for which only the name and version are known. */
  public static FileEntry of(String name, String version) {
    return new FileEntry(name, version, null, UNKNOWN_SIZE);
  }

  /** Tells whether the client reported this file's digest. */
  public boolean hasSha256() {
    return sha256 != null;
  }

  /**
   * Tells whether this entry reports exactly {@code version} and, if both are known, {@code
   * digest}.
   */
  public boolean matches(String version, Sha256 digest) {
    return this.version.equals(version)
        && (sha256 == null || digest == null || Objects.equals(sha256, digest));
  }
}
