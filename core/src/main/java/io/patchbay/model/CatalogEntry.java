package io.patchbay.model;

import java.net.URI;
import java.util.Objects;

/**
 * The head end's latest version of one file, with what the gateway needs to fetch and check it.
 *
 * <p>A value: immutable, thread-safe, equal to another entry when every component is. An entry made
 * from a location's text ({@link #of(String, String, Sha256, long, String, String, Targeting)}, as
 * the catalog reader does) checks the text at once but makes its {@link URI} only when {@link
 * #location()} is first called: a catalog of a million entries would otherwise parse a million URIs
 * that a gateway mostly never reads. A catalog keeps a plain entry's location as text and makes the
 * entry anew on every read (but the plans of its clients share the entry they read), so each entry
 * read from it parses its URI on its own first call.
 */
public final class CatalogEntry {

  private final String name;
  private final String version;
  private final Sha256 sha256;
  private final long size;
  private final String versionScheme;
  private final Targeting targeting;

  /**
   * The location: a {@link URI}, or the text of one that is parsed on first use: text that {@link
   * Locations#isPlainPath} accepted, or a checked location that a catalog's columns kept as text.
   * Volatile so that the URI a thread makes is seen whole by another; two threads may each make
   * one, equal and either kept.
   */
  private volatile Object location;

  /**
   * Validates the entry.
   *
   * @param name a safe logical path, see {@link FileNames}
   * @param version the latest version identifier
   * @param sha256 the digest every downloaded copy must match
   * @param size the exact size in bytes every downloaded copy must have
   * @param location where the artifact's bytes are; relative URIs resolve against the catalog's own
   *     URI
   * @param versionScheme the version scheme of this file, or {@code null} for the catalog's scheme
   * @param targeting which clients this entry applies to; {@code null} for every client
   * @throws InvalidFileNameException if the name is not a safe logical path
   * @throws io.patchbay.version.InvalidVersionException if the version is malformed
   * @throws NullPointerException if the digest or location is missing
   * @throws IllegalArgumentException if the size is negative
   */
  public CatalogEntry(
      String name,
      String version,
      Sha256 sha256,
      long size,
      URI location,
      String versionScheme,
      Targeting targeting) {
    this(
        checked(name, version, sha256, size, location),
        version,
        sha256,
        size,
        (Object) location,
        versionScheme,
        targeting);
  }

  /**
   * Checks the components every entry is checked for.
   *
   * @return {@code name}, checked
   */
  private static String checked(
      String name, String version, Sha256 sha256, long size, Object location) {
    FileNames.requireValid(name);
    Versions.requireWellFormed(name, version);
    Objects.requireNonNull(sha256, () -> "sha256 of " + name);
    Objects.requireNonNull(location, () -> "location of " + name);
    if (size < 0) {
      throw new IllegalArgumentException("Size of " + name + " must not be negative: " + size);
    }
    return name;
  }

  /**
   * Takes the components as they are: callers check them first, or took them from a checked entry.
   */
  private CatalogEntry(
      String name,
      String version,
      Sha256 sha256,
      long size,
      Object location,
      String versionScheme,
      Targeting targeting) {
    this.name = name;
    this.version = version;
    this.sha256 = sha256;
    this.size = size;
    this.location = location;
    this.versionScheme = versionScheme;
    this.targeting = targeting == null ? Targeting.ANY : targeting;
  }

  /**
   * The plain entry (the catalog's scheme, every client) that an index's columns hold: they were
   * taken from an entry that checked them when it was made, so they are not checked again.
   */
  static CatalogEntry ofChecked(
      String name, String version, Sha256 sha256, long size, String location) {
    return new CatalogEntry(name, version, sha256, size, location, null, Targeting.ANY);
  }

  /** An entry in the catalog's scheme that applies to every client. */
  public static CatalogEntry of(
      String name, String version, Sha256 sha256, long size, URI location) {
    return new CatalogEntry(name, version, sha256, size, location, null, Targeting.ANY);
  }

  /**
   * An entry whose location is given as text, a URI reference, as a catalog document holds it. The
   * location is checked first, then the rest as by the {@linkplain #CatalogEntry(String, String,
   * Sha256, long, URI, String, Targeting) constructor}.
   *
   * @throws IllegalArgumentException if {@code location} is empty (it would resolve to the catalog
   *     itself) or not a URI reference ({@link URI#create}); also for a negative size
   * @throws NullPointerException if the digest or location is missing
   * @throws InvalidFileNameException if the name is not a safe logical path
   * @throws io.patchbay.version.InvalidVersionException if the version is malformed
   */
  public static CatalogEntry of(
      String name,
      String version,
      Sha256 sha256,
      long size,
      String location,
      String versionScheme,
      Targeting targeting) {
    Object parsed =
        location == null || Locations.isPlainPath(location) ? location : Locations.parse(location);
    return new CatalogEntry(
        checked(name, version, sha256, size, parsed),
        version,
        sha256,
        size,
        parsed,
        versionScheme,
        targeting);
  }

  /** This file as a client reports it once it is installed. */
  public FileEntry toFileEntry() {
    return new FileEntry(name, version, sha256, size);
  }

  /** A safe logical path, see {@link FileNames}. */
  public String name() {
    return name;
  }

  /** The latest version identifier. */
  public String version() {
    return version;
  }

  /** The digest every downloaded copy must match. */
  public Sha256 sha256() {
    return sha256;
  }

  /** The exact size in bytes every downloaded copy must have. */
  public long size() {
    return size;
  }

  /**
   * Where the artifact's bytes are; relative URIs resolve against the catalog's own URI. Made from
   * the entry's text on the first call if the entry was made from text.
   */
  public URI location() {
    Object held = location;
    if (held instanceof URI uri) {
      return uri;
    }
    URI uri = URI.create((String) held);
    location = uri;
    return uri;
  }

  /**
   * The location as the text of a URI reference, as a catalog document holds it: {@link
   * #location()}'s text, without making the {@link URI} if the entry holds only the text (as every
   * entry read from a catalog's columns does), so that writing a catalog parses no location.
   */
  public String locationText() {
    // Read once: another thread's location() may replace the text with its URI at any time.
    Object held = location;
    return held instanceof URI uri ? uri.toString() : (String) held;
  }

  /** The version scheme of this file, or {@code null} for the catalog's scheme. */
  public String versionScheme() {
    return versionScheme;
  }

  /** Which clients this entry applies to. */
  public Targeting targeting() {
    return targeting;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CatalogEntry that
        && size == that.size
        && name.equals(that.name)
        && version.equals(that.version)
        && sha256.equals(that.sha256)
        && location().equals(that.location())
        && Objects.equals(versionScheme, that.versionScheme)
        && targeting.equals(that.targeting);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, sha256, size, location(), versionScheme, targeting);
  }

  /** The entry's components, as a record would show them. */
  @Override
  public String toString() {
    return "CatalogEntry[name="
        + name
        + ", version="
        + version
        + ", sha256="
        + sha256
        + ", size="
        + size
        + ", location="
        + location()
        + ", versionScheme="
        + versionScheme
        + ", targeting="
        + targeting
        + "]";
  }
}
