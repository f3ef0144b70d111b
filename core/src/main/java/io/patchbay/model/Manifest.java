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
 * millions of entries can be planned against a catalog in one linear pass.
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

        /** A client's entry has no targeting or scheme of its own. */
        @Override
        public boolean plain(FileEntry entry) {
          return true;
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
