package io.patchbay.internal.model;

import io.patchbay.internal.version.SemVerKey;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.Sha256;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.BitSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * The immutable, ordered name-to-entry map behind manifests and catalogs, with positions (entry
 * {@code i} is the {@code i}-th in the order given) and, by position, the columns the planner
 * compares: each name's hash, each version and its {@link SemVerKey}, and each digest as four
 * {@code long}s.
 *
 * <p>Built for millions of entries and for joining two of them: everything is computed once, when
 * the document is read, into flat arrays. Finding a name reads one slot of an open-addressing
 * table, which holds the name's hash beside its position, then the name itself; comparing two
 * entries' versions and digests reads one run of {@code long}s per side instead of four or five
 * objects. {@link #positionsOf(NameIndex)} joins two indexes so that the memory system serves many
 * lookups at once, which is what a join of two shuffled million-entry lists is bounded by.
 *
 * <p>Names are hashed with a key drawn once per JVM ({@link NameHash}), not with {@code
 * String.hashCode}, so that a hostile device or head end cannot send names that all share one hash
 * and make the index quadratic.
 *
 * <p>Thread-safe: nothing changes after construction. Manifests and catalogs always hold their
 * entries as an index ({@link #of(Map)} gets it back).
 *
 * @param <T> the entry type
 */
public final class NameIndex<T> extends AbstractMap<String, T> {

  /** What the index needs to know about an entry. */
  public interface Shape<T> {
    /** The entry's name, its key in the index. */
    String name(T entry);

    /** The entry's version. */
    String version(T entry);

    /** The entry's digest, or {@code null} if it has none. */
    Sha256 digest(T entry);

    /**
     * Tells whether the entry is planned by its columns alone, with nothing of its own for the
     * planner to read (a catalog entry without targeting or a version scheme of its own).
     */
    boolean plain(T entry);
  }

  /** Longs per entry in {@link #facts}: the name's span, the version key, then the digest. */
  private static final int FACTS = 6;

  private static final int NAME = 0;
  private static final int KEY = 1;
  private static final int DIGEST = 2;

  /** Chars first set aside per name and per version; the arrays grow if the strings are longer. */
  private static final int NAME_CHARS_GUESS = 32;

  private static final int VERSION_CHARS_GUESS = 8;

  /**
   * Names looked up per batch in {@link #positionsOf}: enough independent loads to keep the memory
   * system busy, few enough that the batch's positions stay in the first-level cache.
   */
  public static final int BATCH = 64;

  private final String[] names;
  private final Object[] entries;

  /** The names again, end to end, for joins to compare in place. */
  private final FlatStrings flatNames;

  private final Shape<T> shape;

  /** How names are hashed; two indexes are joined only if they hash alike. */
  private final NameHash hash;

  /** The hash of the name at each position. */
  private final int[] hashes;

  /**
   * Per slot, the name's hash in the upper 32 bits and its position + 1 in the lower; 0 marks an
   * empty slot. At most half full, so linear probing stays short.
   */
  private final long[] table;

  private final int mask;

  /** The version at each position. */
  private final String[] versions;

  /** The versions again, end to end, for joins to compare in place. */
  private final FlatStrings flatVersions;

  /**
   * Per position, {@value #FACTS} longs: where the name lies in {@link #flatNames}, the version's
   * {@link SemVerKey}, then the 32 digest bytes (all zero where there is no digest). One row, so
   * that a join's check of a found name's length brings the key and digest it compares next into
   * the cache with it.
   */
  private final long[] facts;

  /** The positions of entries without a digest, or {@code null} if every entry has one. */
  private final BitSet withoutDigest;

  /** The positions of entries that are not {@link Shape#plain}, or {@code null} if none. */
  private final BitSet notPlain;

  private NameIndex(Object[] entries, Shape<T> shape, NameHash hash) {
    int size = entries.length;
    this.entries = entries;
    this.shape = shape;
    this.hash = hash;
    this.names = new String[size];
    this.hashes = new int[size];
    this.versions = new String[size];
    this.facts = new long[size * FACTS];
    int capacity = Integer.highestOneBit(Math.max(2, size * 2 - 1)) << 1;
    this.table = new long[capacity];
    this.mask = capacity - 1;
    BitSet missing = null;
    BitSet special = null;
    // One pass, each entry's strings copied and hashed while they are in the cache.
    FlatStrings.Builder nameChars = new FlatStrings.Builder(size, NAME_CHARS_GUESS);
    FlatStrings.Builder versionChars = new FlatStrings.Builder(size, VERSION_CHARS_GUESS);
    for (int i = 0; i < size; i++) {
      @SuppressWarnings("unchecked") // every element was put in as a T
      T entry = (T) entries[i];
      String name = shape.name(entry);
      names[i] = name;
      versions[i] = shape.version(entry);
      int nameHash = hash.of(name);
      insert(name, nameHash, i);
      hashes[i] = nameHash;
      if (!shape.plain(entry)) {
        special = special == null ? new BitSet(size) : special;
        special.set(i);
      }
      facts[i * FACTS + NAME] = nameChars.add(name);
      versionChars.add(versions[i]);
      facts[i * FACTS + KEY] = SemVerKey.of(versions[i]);
      Sha256 digest = shape.digest(entry);
      if (digest == null) {
        missing = missing == null ? new BitSet(size) : missing;
        missing.set(i);
      } else {
        for (int word = 0; word < 4; word++) {
          facts[i * FACTS + DIGEST + word] = digest.word(word);
        }
      }
    }
    this.flatNames = nameChars.build();
    this.flatVersions = versionChars.build();
    this.withoutDigest = missing;
    this.notPlain = special;
  }

  private void insert(String name, int nameHash, int position) {
    int slot = nameHash & mask;
    for (long held = table[slot]; held != 0; held = table[slot]) {
      if ((int) (held >>> 32) == nameHash && names[(int) held - 1].equals(name)) {
        throw new DuplicateFileException(name, position);
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = (long) nameHash << 32 | (position + 1);
  }

  /**
   * An index of {@code entries} in their order.
   *
   * @throws DuplicateFileException if two entries have the same name
   */
  public static <T> NameIndex<T> of(Collection<T> entries, Shape<T> shape) {
    return new NameIndex<>(entries.toArray(), shape, NameHash.KEYED);
  }

  /** This index again, hashing names with {@code hash}: for tests that need names to collide. */
  NameIndex<T> hashedWith(NameHash hash) {
    return new NameIndex<>(entries, shape, hash);
  }

  /**
   * {@code map} as an index, in its iteration order; an index is returned as it is.
   *
   * @throws IllegalArgumentException if a key differs from its entry's name
   */
  public static <T> NameIndex<T> copyOf(Map<String, T> map, Shape<T> shape) {
    if (map instanceof NameIndex<T> index) {
      return index;
    }
    Object[] values = new Object[map.size()];
    int i = 0;
    for (Map.Entry<String, T> entry : map.entrySet()) {
      String name = shape.name(entry.getValue());
      if (!entry.getKey().equals(name)) {
        throw new IllegalArgumentException("Key " + entry.getKey() + " holds entry " + name);
      }
      values[i++] = entry.getValue();
    }
    return new NameIndex<>(values, shape, NameHash.KEYED);
  }

  /**
   * The index that {@code files}, the map of a manifest or catalog, is.
   *
   * @throws IllegalArgumentException if it is some other map
   */
  public static <T> NameIndex<T> of(Map<String, T> files) {
    if (files instanceof NameIndex<T> index) {
      return index;
    }
    throw new IllegalArgumentException("Not the map of a manifest or catalog: " + files.getClass());
  }

  /** The position of the entry named {@code name}, or -1 if there is none. */
  public int indexOf(Object name) {
    return name instanceof String key ? indexOf(key, hash.of(key)) : -1;
  }

  private int indexOf(String name, int nameHash) {
    for (int slot = nameHash & mask; ; slot = (slot + 1) & mask) {
      long held = table[slot];
      if (held == 0) {
        return -1;
      }
      if ((int) (held >>> 32) == nameHash && names[(int) held - 1].equals(name)) {
        return (int) held - 1;
      }
    }
  }

  /** The position of the first entry whose name has {@code nameHash}, or -1: it is unchecked. */
  private int candidate(int nameHash) {
    for (int slot = nameHash & mask; ; slot = (slot + 1) & mask) {
      long held = table[slot];
      if (held == 0 || (int) (held >>> 32) == nameHash) {
        return (int) held - 1;
      }
    }
  }

  /**
   * For every entry of {@code other}, in its order, the position of the entry of the same name
   * here, or -1 where there is none.
   *
   * <p>Lists in the same order are read front to back: after a name found at position {@code p},
   * the next is tried at {@code p + 1} first. Otherwise names are looked up a batch at a time,
   * first every hash, then every name, so that the lookups of a batch do not wait for one another.
   */
  int[] positionsOf(NameIndex<?> other) {
    return positionsOf(other, (found, from, to) -> {});
  }

  /** Told of each batch of {@link #positionsOf(NameIndex, Batches)} as soon as it is found. */
  @FunctionalInterface
  public interface Batches {
    /**
     * The positions of {@code other}'s entries {@code from} to {@code to - 1}, at most {@link
     * #BATCH} of them, are found, in {@code found} (which is the array {@link
     * #positionsOf(NameIndex, Batches)} will return).
     */
    void found(int[] found, int from, int to);
  }

  /**
   * {@link #positionsOf(NameIndex)}, telling {@code batches} of each batch of entries as soon as
   * their positions are found, while this index's columns for them are still in the cache.
   */
  public int[] positionsOf(NameIndex<?> other, Batches batches) {
    if (other.hash != hash) {
      throw new IllegalArgumentException("The two indexes hash names differently");
    }
    int count = other.size();
    int[] found = new int[count];
    int next = 0;
    boolean inStep = true;
    for (int from = 0; from < count; from += BATCH) {
      int to = Math.min(count, from + BATCH);
      for (int i = from; i < to; i++) {
        int nameHash = other.hashes[i];
        // Only in step is `next` read: otherwise no lookup depends on the one before it.
        int at =
            inStep && next < hashes.length && hashes[next] == nameHash ? next : candidate(nameHash);
        found[i] = at;
        // A name this index lacks leaves the step as it was.
        if (at >= 0) {
          inStep = at == next;
          next = at + 1;
        }
      }
      // A hash is not a name: every candidate's name is checked, and where it is another name
      // the table is searched past it. In two loops, so that the names of the whole batch are
      // fetched at once by the first, which compares their lengths, before the second compares
      // their characters.
      for (int i = from; i < to; i++) {
        int at = found[i];
        if (at >= 0
            && FlatStrings.spanLength(facts[at * FACTS + NAME]) != other.flatNames.length(i)) {
          found[i] = indexOf(other.names[i], other.hashes[i]);
        }
      }
      for (int i = from; i < to; i++) {
        int at = found[i];
        if (at >= 0 && !flatNames.equal(facts[at * FACTS + NAME], other.flatNames, i)) {
          found[i] = indexOf(other.names[i], other.hashes[i]);
        }
      }
      batches.found(found, from, to);
    }
    return found;
  }

  /** The name of the entry at {@code position}. */
  public String nameAt(int position) {
    return names[position];
  }

  /** Tells whether the entry at {@code position} is {@link Shape#plain}. */
  public boolean isPlainAt(int position) {
    return notPlain == null || !notPlain.get(position);
  }

  /** The entry at {@code position}, in the order given. */
  @SuppressWarnings("unchecked") // every element was put in as a T
  public T at(int position) {
    return (T) entries[position];
  }

  /** The version of the entry at {@code position}. */
  public String versionAt(int position) {
    return versions[position];
  }

  /**
   * Every version, by position, laid end to end: what a plan keeps of a client's list, rather than
   * the list or a {@code String} per file.
   */
  public FlatStrings versions() {
    return flatVersions;
  }

  /**
   * Tells whether the version at {@code position} here and the one at {@code otherPosition} in
   * {@code other} are the same string.
   */
  public boolean sameVersion(int position, NameIndex<?> other, int otherPosition) {
    return flatVersions.equal(position, other.flatVersions, otherPosition);
  }

  /** The {@link SemVerKey} of the version at {@code position}; {@link SemVerKey#NONE} if none. */
  public long semVerKeyAt(int position) {
    return facts[position * FACTS + KEY];
  }

  /** Tells whether the entry at {@code position} has a digest. */
  public boolean hasDigestAt(int position) {
    return withoutDigest == null || !withoutDigest.get(position);
  }

  /**
   * Tells whether the entry at {@code position} here and the one at {@code otherPosition} in {@code
   * other} have the same digest; both must have one.
   */
  public boolean sameDigest(int position, NameIndex<?> other, int otherPosition) {
    int mine = position * FACTS + DIGEST;
    int theirs = otherPosition * FACTS + DIGEST;
    return facts[mine] == other.facts[theirs]
        && facts[mine + 1] == other.facts[theirs + 1]
        && facts[mine + 2] == other.facts[theirs + 2]
        && facts[mine + 3] == other.facts[theirs + 3];
  }

  @Override
  public T get(Object name) {
    int index = indexOf(name);
    return index < 0 ? null : at(index);
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super T> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], at(i));
    }
  }

  @Override
  public Collection<T> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<T> iterator() {
        return new InOrder<>(names.length, NameIndex.this::at);
      }

      @Override
      public int size() {
        return names.length;
      }
    };
  }

  @Override
  public Set<Map.Entry<String, T>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, T>> iterator() {
        return new InOrder<>(names.length, i -> Map.entry(names[i], at(i)));
      }

      @Override
      public int size() {
        return names.length;
      }
    };
  }

  /** Iterates positions 0 to {@code size - 1}, mapped; it cannot remove. */
  private static final class InOrder<E> implements Iterator<E> {
    private final int size;
    private final IntFunction<E> element;
    private int next;

    InOrder(int size, IntFunction<E> element) {
      this.size = size;
      this.element = element;
    }

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public E next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      return element.apply(next++);
    }
  }
}
