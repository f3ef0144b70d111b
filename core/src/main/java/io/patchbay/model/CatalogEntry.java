package io.patchbay.model;

import java.net.URI;
import java.util.Objects;

/**
 * The head end's latest version of one file, with what the gateway needs to fetch and check it.
 *
 * @param name a safe logical path, see {@link FileNames}
 * @param version the latest version identifier
 * @param sha256 the digest every downloaded copy must match
 * @param size the exact size in bytes every downloaded copy must have
 * @param location where the artifact's bytes are; relative URIs resolve against the catalog's own
 *     URI
 * @param versionScheme the version scheme of this file, or {@code null} for the catalog's scheme
 * @param targeting which clients this entry applies to
 */
public record CatalogEntry(
    String name,
    String version,
    Sha256 sha256,
    long size,
    URI location,
    String versionScheme,
    Targeting targeting) {

  /**
   * Validates the entry.
   *
   * @throws InvalidFileNameException if the name is not a safe logical path
   * @throws io.patchbay.version.InvalidVersionException if the version is malformed
   * @throws NullPointerException if the digest or location is missing
   * @throws IllegalArgumentException if the size is negative
   */
  public CatalogEntry {
    FileNames.requireValid(name);
    Versions.requireWellFormed(name, version);
    Objects.requireNonNull(sha256, () -> "sha256 of " + name);
    Objects.requireNonNull(location, () -> "location of " + name);
    if (size < 0) {
      throw new IllegalArgumentException("Size of " + name + " must not be negative: " + size);
    }
    if (targeting == null) {
      targeting = Targeting.ANY;
    }
  }

  /** An entry in the catalog's scheme that applies to every client. */
  public static CatalogEntry of(
      String name, String version, Sha256 sha256, long size, URI location) {
    return new CatalogEntry(name, version, sha256, size, location, null, Targeting.ANY);
  }

  /** This file as a client reports it once it is installed. */
  public FileEntry toFileEntry() {
    return new FileEntry(name, version, sha256, size);
  }
}
