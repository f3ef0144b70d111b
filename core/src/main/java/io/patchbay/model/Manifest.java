package io.patchbay.model;

import io.patchbay.internal.model.NameIndex;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's current list: every software file it holds, by name.
 *
 * <p>Keeps the order it was given and finds an entry by name in constant time, so manifests of
 * millions of entries can be planned against a catalog in one linear pass. The entries are kept as
 * columns, not objects: each read makes an equal {@link FileEntry} again, which checks itself again
 * as every {@code FileEntry} does.
 *
 * @param files the entries keyed by their names, in the order the client listed them
 */
public record Manifest(Map<String, FileEntry> files) {

  private static final NameIndex.Shape<FileEntry> SHAPE =
      new NameIndex.Shape<>() {
        @Override
        public String name(FileEntry entry) {
          return entry.name();
        }

        @Override
        public String version(FileEntry entry) {
          return entry.version();
        }

        @Override
        public Sha256 digest(FileEntry entry) {
          return entry.sha256();
        }

        @Override
        public long size(FileEntry entry) {
          return entry.size();
        }

        /** A client's entry has no location. */
        @Override
        public String location(FileEntry entry) {
          return null;
        }

        /** A client's entry has no targeting or scheme of its own. */
        @Override
        public boolean plain(FileEntry entry) {
          return true;
        }

        @Override
        public FileEntry make(
            String name, String version, Sha256 digest, long size, String location) {
          return new FileEntry(name, version, digest, size);
        }
      };

  private static final Manifest EMPTY = new Manifest(Map.of());

  /**
   * Copies and checks the map.
   *
   * @throws IllegalArgumentException if a key differs from its entry's name
   */
  public Manifest {
    files = NameIndex.copyOf(files, SHAPE);
  }

  /** A manifest with no files, as reported by a freshly reset client. */
  public static Manifest empty() {
    return EMPTY;
  }

  /**
   * A manifest of these entries, in this order.
   *
   * @throws DuplicateFileException if two entries have the same name
   */
  public static Manifest of(Collection<FileEntry> entries) {
    return new Manifest(NameIndex.of(entries, SHAPE));
  }

  /** A builder of a manifest, to take its entries one at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a manifest's entries one at a time, in the client's order, for lists too long to gather
   * first: each entry goes into the manifest's columns as it is added, and the object added is not
   * kept. Not thread-safe; build once.
   */
  public static final class Builder {
    private final NameIndex.Builder<FileEntry> index = NameIndex.builder(SHAPE);

    private Builder() {}

    /** Adds {@code entry}, after those added before it. */
    public Builder add(FileEntry entry) {
      index.add(entry);
      return this;
    }

    /**
     * The manifest of the entries added.
     *
     * @throws DuplicateFileException if two entries have the same name
     */
    public Manifest build() {
      return new Manifest(index.build());
    }
  }

  /** A manifest of these entries; see {@link #of(Collection)}. */
  public static Manifest of(FileEntry... entries) {
    return of(List.of(entries));
  }

  /** The entries in the order the client listed them. */
  public Collection<FileEntry> entries() {
    return files.values();
  }

  /** The entry named {@code name}, if the client holds that file. */
  public Optional<FileEntry> find(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /**
   * The position of the file named {@code name} in the client's order, or -1 if it holds no such
   * file; with {@link #entryAt(int)}, for planners that walk a manifest alongside a catalog.
   */
  public int indexOf(String name) {
    return index().indexOf(name);
  }

  /**
   * The entry at {@code index} in the client's order.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
   */
  public FileEntry entryAt(int index) {
    return index().at(index);
  }

  private NameIndex<FileEntry> index() {
    return NameIndex.of(files);
  }

  /** The number of files. */
  public int size() {
    return files.size();
  }
}
