package io.patchbay.model;

import io.patchbay.PatchbayException;
import io.patchbay.internal.model.NameIndex;
import io.patchbay.version.InvalidVersionException;
import io.patchbay.version.UnknownVersionSchemeException;
import io.patchbay.version.VersionSchemes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The head end's central list: the latest version of every file, with digests, sizes and where to
 * download them.
 *
 * @param serial increases with every catalog a head end publishes; a gateway rejects a lower one
 * @param expires after this instant the catalog must not be used, or {@code null} if it never
 *     expires
 * @param versionScheme the scheme of every entry that names none
 * @param files the entries keyed by their names, in catalog order
 * @param repository the id of the repository the head end publishes this catalog for, or {@code
 *     null} if the document names none (then no signed statement can bind it)
 * @param provenance how the catalog was verified, or {@code null} if it was not: attached by {@link
 *     io.patchbay.trust} only, never read from the document
 */
public record Catalog(
    long serial,
    Instant expires,
    String versionScheme,
    Map<String, CatalogEntry> files,
    String repository,
    Provenance provenance) {

  private static final NameIndex.Shape<CatalogEntry> SHAPE =
      new NameIndex.Shape<>() {
        @Override
        public String name(CatalogEntry entry) {
          return entry.name();
        }

        @Override
        public String version(CatalogEntry entry) {
          return entry.version();
        }

        @Override
        public Sha256 digest(CatalogEntry entry) {
          return entry.sha256();
        }

        @Override
        public long size(CatalogEntry entry) {
          return entry.size();
        }

        @Override
        public String location(CatalogEntry entry) {
          return entry.locationText();
        }

        @Override
        public boolean plain(CatalogEntry entry) {
          return entry.versionScheme() == null && entry.targeting().isAny();
        }

        @Override
        public CatalogEntry make(
            String name, String version, Sha256 digest, long size, String location) {
          return CatalogEntry.ofChecked(name, version, digest, size, location);
        }
      };

  /**
   * Copies and checks the catalog.
   *
   * @throws IllegalArgumentException if the serial is negative or a key differs from its entry's
   *     name
   */
  public Catalog {
    if (serial < 0) {
      throw new IllegalArgumentException("Catalog serial must not be negative: " + serial);
    }
    if (versionScheme == null) {
      versionScheme = VersionSchemes.DEFAULT_SCHEME;
    }
    files = NameIndex.copyOf(files, SHAPE);
    if (repository != null) {
      RepositoryIds.requireValid(repository);
    }
  }

  /** An unverified catalog of no named repository. */
  public Catalog(
      long serial, Instant expires, String versionScheme, Map<String, CatalogEntry> files) {
    this(serial, expires, versionScheme, files, null, null);
  }

  /** This catalog for repository {@code id}. */
  public Catalog withRepository(String id) {
    return new Catalog(serial, expires, versionScheme, files, id, provenance);
  }

  /** This catalog as verified under {@code verified}. */
  public Catalog withProvenance(Provenance verified) {
    return new Catalog(serial, expires, versionScheme, files, repository, verified);
  }

  /** Tells whether a verifier accepted this catalog ({@link #provenance()} is set). */
  public boolean isVerified() {
    return provenance != null;
  }

  /**
   * The proof that {@code entry} belongs to this verified catalog, for a device to check, or empty
   * if the catalog was not verified.
   *
   * @throws IllegalArgumentException if the catalog does not list this entry
   */
  public Optional<EntryProof> proofOf(CatalogEntry entry) {
    if (provenance == null) {
      return Optional.empty();
    }
    int index = NameIndex.of(files).indexOf(entry.name());
    if (index < 0 || !files.get(entry.name()).equals(entry)) {
      throw new IllegalArgumentException("The catalog does not list " + entry);
    }
    return Optional.of(provenance.proof(index));
  }

  /**
   * A catalog of these entries, in this order.
   *
   * @throws DuplicateFileException if two entries have the same name
   */
  public static Catalog of(
      long serial, Instant expires, String versionScheme, Collection<CatalogEntry> entries) {
    return new Catalog(serial, expires, versionScheme, NameIndex.of(entries, SHAPE));
  }

  /** A builder of a catalog, to take its entries one at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a catalog's entries one at a time, in catalog order, for catalogs too long to gather
   * first: each entry goes into the catalog's columns as it is added, and the object added is kept
   * only if it has targeting or a version scheme of its own. Not thread-safe; build once.
   */
  public static final class Builder {
    private final NameIndex.Builder<CatalogEntry> index = NameIndex.builder(SHAPE);

    private Builder() {}

    /** Adds {@code entry}, after those added before it. */
    public Builder add(CatalogEntry entry) {
      index.add(entry);
      return this;
    }

    /**
     * The unverified catalog of the entries added, of no named repository; the arguments as for
     * {@link #of(long, Instant, String, Collection)}.
     *
     * @throws DuplicateFileException if two entries have the same name
     */
    public Catalog build(long serial, Instant expires, String versionScheme) {
      return new Catalog(serial, expires, versionScheme, index.build());
    }
  }

  /**
   * A never-expiring catalog in the default scheme; see {@link #of(long, Instant, String,
   * Collection)}.
   */
  public static Catalog of(long serial, CatalogEntry... entries) {
    return of(serial, null, null, List.of(entries));
  }

  /** The entries in catalog order. */
  public Collection<CatalogEntry> entries() {
    return files.values();
  }

  /** The entry named {@code name}, if the catalog lists that file. */
  public Optional<CatalogEntry> find(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /** The version scheme that applies to {@code entry}: its own, or else the catalog's. */
  public String schemeOf(CatalogEntry entry) {
    return entry.versionScheme() != null ? entry.versionScheme() : versionScheme;
  }

  /**
   * What a gateway that knows {@code schemes} finds wrong with this catalog's versions, in catalog
   * order: each scheme it names that {@code schemes} lacks, once, and each entry whose version is
   * not valid in its scheme. Empty if every entry can be planned. Gateways refuse a catalog with
   * problems before contacting any client; {@code patchbay catalog build} checks the same before
   * writing one.
   */
  public List<PatchbayException> versionProblems(VersionSchemes schemes) {
    List<PatchbayException> problems = new ArrayList<>();
    Set<String> unknown = new HashSet<>();
    for (CatalogEntry entry : entries()) {
      String scheme = schemeOf(entry);
      if (unknown.contains(scheme)) {
        continue;
      }
      try {
        schemes.get(scheme).validate(entry.version());
      } catch (UnknownVersionSchemeException e) {
        unknown.add(scheme);
        problems.add(e);
      } catch (InvalidVersionException e) {
        problems.add(e.forFile(entry.name()));
      }
    }
    return problems;
  }

  /** Tells whether the catalog has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }
}
