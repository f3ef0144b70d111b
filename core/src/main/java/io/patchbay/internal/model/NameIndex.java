package io.patchbay.internal.model;

import io.patchbay.internal.version.SemVerKey;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.Sha256;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * The immutable, ordered name-to-entry map behind manifests and catalogs, with positions (entry
 * {@code i} is the {@code i}-th in the order given). It holds its entries as columns, by position:
 * each name's hash, the names, versions and locations laid end to end, each version's {@link
 * SemVerKey}, each digest as four {@code long}s and each size. An entry object is made from them
 * when it is read ({@link Shape#make}); only an entry that is not {@linkplain Shape#plain plain} (a
 * catalog entry with targeting or a scheme of its own) is kept as the object it was.
 *
 * <p>Built for millions of entries and for joining two of them. A million entries are a few dozen
 * arrays rather than eight million objects (until they are read with {@link #sharedAt}), which a
 * reader would otherwise make and the collector copy while the document is read ({@link Builder}
 * takes each entry into the columns as soon as it is read, so that its object dies young). Finding
 * a name reads one slot of an open-addressing table, which holds the name's hash beside its
 * position, then the name's characters; comparing two entries' versions and digests reads one run
 * of {@code long}s per side. {@link #positionsOf(NameIndex)} joins two indexes so that the memory
 * system serves many lookups at once, which is what a join of two shuffled million-entry lists is
 * bounded by.
 *
 * <p>Names are hashed with a key drawn once per JVM ({@link NameHash}), not with {@code
 * String.hashCode}, so that a hostile device or head end cannot send names that all share one hash
 * and make the index quadratic.
 *
 * <p>Thread-safe: nothing changes after construction but the entries {@link #sharedAt} keeps.
 * Manifests and catalogs always hold their entries as an index ({@link #of(Map)} gets it back).
 * Reading a plain entry makes a new, equal object each time, unless it is read with {@link
 * #sharedAt}; an entry that is kept is the object given.
 *
 * @param <T> the entry type
 */
public final class NameIndex<T> extends AbstractMap<String, T> {

  /** What the index keeps of an entry, and how it makes the entry again. */
  public interface Shape<T> {
    /** The entry's name, its key in the index. */
    String name(T entry);

    /** The entry's version. */
    String version(T entry);

    /** The entry's digest, or {@code null} if it has none. */
    Sha256 digest(T entry);

    /** The entry's size. */
    long size(T entry);

    /**
     * The entry's location as text; {@code null} for every entry of a shape that has none (an entry
     * without one, among entries with one, reads back as the empty string).
     */
    String location(T entry);

    /**
     * Tells whether the entry is all in the columns above, with nothing else of its own (a catalog
     * entry without targeting or a version scheme of its own): it is made again by {@link #make}
     * when read, and planned by its columns alone. Other entries are kept as they are.
     */
    boolean plain(T entry);

    /** The plain entry of these columns, which an entry of this shape gave. */
    T make(String name, String version, Sha256 digest, long size, String location);
  }

  /** Longs per entry in {@link #facts}: the name's span, the version key, then the digest. */
  private static final int FACTS = 6;

  /**
   * A built index trims its columns if more than 1/{@value} of their room is empty: a document's
   * columns grow by doubling, and a copy costs less than keeping up to half of them empty.
   */
  private static final int SLACK = 8;

  /** The most entries an index holds: its {@link #facts} must fit in one array. */
  private static final int MAX_ENTRIES = (Integer.MAX_VALUE - 8) / FACTS;

  private static final int NAME = 0;
  private static final int KEY = 1;
  private static final int DIGEST = 2;

  /** Chars first set aside per name, version and location; the arrays grow for longer strings. */
  private static final int NAME_CHARS_GUESS = 32;

  private static final int VERSION_CHARS_GUESS = 8;
  private static final int LOCATION_CHARS_GUESS = 40;

  /**
   * Names looked up per batch in {@link #positionsOf}: enough independent loads to keep the memory
   * system busy, few enough that the batch's positions stay in the first-level cache.
   */
  public static final int BATCH = 64;

  private final Shape<T> shape;

  private final int size;

  /** The names, end to end. */
  private final FlatStrings names;

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

  /** The versions, end to end. */
  private final FlatStrings versions;

  /** The locations, end to end, or {@code null} if the entries have none. */
  private final FlatStrings locations;

  /**
   * Per position, {@value #FACTS} longs: where the name lies in {@link #names}, the version's
   * {@link SemVerKey}, then the 32 digest bytes (all zero where there is no digest). One row, so
   * that a join's check of a found name's length brings the key and digest it compares next into
   * the cache with it.
   */
  private final long[] facts;

  /** The size of the entry at each position. */
  private final long[] sizes;

  /** The positions of entries without a digest, or {@code null} if every entry has one. */
  private final BitSet withoutDigest;

  /**
   * The entries that are not {@link Shape#plain}, at their positions, or {@code null} if every
   * entry is plain.
   */
  private final Object[] kept;

  /** The entries {@link #sharedAt} made, by position; {@code null} until it is first called. */
  private volatile AtomicReferenceArray<T> shared;

  private final Object sharing = new Object();

  private NameIndex(Builder<T> columns) {
    this.shape = columns.shape;
    this.size = columns.count;
    this.names = columns.names.build();
    this.versions = columns.versions.build();
    this.locations = columns.locations == null ? null : columns.locations.build();
    this.facts = columns.facts;
    this.sizes = columns.sizes;
    this.withoutDigest = columns.withoutDigest;
    this.kept = columns.kept;
    this.hash = columns.hash;
    this.hashes = columns.hashes;
    int capacity = Integer.highestOneBit(Math.max(2, size * 2 - 1)) << 1;
    this.table = new long[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      insert(hashes[i], i);
    }
  }

  private void insert(int nameHash, int position) {
    int slot = nameHash & mask;
    for (long held = table[slot]; held != 0; held = table[slot]) {
      if ((int) (held >>> 32) == nameHash && names.equal((int) held - 1, names, position)) {
        throw new DuplicateFileException(nameAt(position), position);
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = (long) nameHash << 32 | (position + 1);
  }

  /**
   * Takes entries into an index one at a time, in their order, each into the columns while its
   * strings are still in the cache: what a reader uses, so that no entry object outlives its
   * reading. Not thread-safe; {@link #build} once.
   */
  public static final class Builder<T> {
    private final Shape<T> shape;
    private final NameHash hash;
    private final FlatStrings.Builder names;
    private final FlatStrings.Builder versions;
    private FlatStrings.Builder locations;
    private int[] hashes;
    private long[] facts;
    private long[] sizes;
    private BitSet withoutDigest;
    private Object[] kept;
    private int count;
    private boolean built;

    private Builder(Shape<T> shape, int expected, NameHash hash) {
      if (expected > MAX_ENTRIES) {
        throw new IllegalArgumentException("More than " + MAX_ENTRIES + " entries: " + expected);
      }
      this.shape = shape;
      this.hash = hash;
      this.names = new FlatStrings.Builder(expected, NAME_CHARS_GUESS);
      this.versions = new FlatStrings.Builder(expected, VERSION_CHARS_GUESS);
      this.hashes = new int[expected];
      this.facts = new long[expected * FACTS];
      this.sizes = new long[expected];
    }

    /**
     * Adds {@code entry}, the next one.
     *
     * @throws IllegalStateException if the index was built
     */
    public void add(T entry) {
      requireNotBuilt();
      if (count == sizes.length) {
        if (count == MAX_ENTRIES) {
          throw new IllegalArgumentException("More than " + MAX_ENTRIES + " entries");
        }
        // Doubling: half the copies and fresh arrays of growing by half, for at most twice the
        // room.
        int larger = (int) Math.min(MAX_ENTRIES, Math.max(16, count * 2L));
        hashes = Arrays.copyOf(hashes, larger);
        facts = Arrays.copyOf(facts, larger * FACTS);
        sizes = Arrays.copyOf(sizes, larger);
        kept = kept == null ? null : Arrays.copyOf(kept, larger);
      }
      int i = count;
      String name = shape.name(entry);
      hashes[i] = hash.of(name);
      facts[i * FACTS + NAME] = names.add(name);
      String version = shape.version(entry);
      versions.add(version);
      facts[i * FACTS + KEY] = SemVerKey.of(version);
      Sha256 digest = shape.digest(entry);
      if (digest == null) {
        withoutDigest = withoutDigest == null ? new BitSet() : withoutDigest;
        withoutDigest.set(i);
      } else {
        for (int word = 0; word < 4; word++) {
          facts[i * FACTS + DIGEST + word] = digest.word(word);
        }
      }
      sizes[i] = shape.size(entry);
      addLocation(shape.location(entry));
      if (!shape.plain(entry)) {
        kept = kept == null ? new Object[sizes.length] : kept;
        kept[i] = entry;
      }
      count++;
    }

    private void addLocation(String location) {
      if (location == null && locations == null) {
        return;
      }
      if (locations == null) {
        // The first location: the entries before it had none.
        locations = new FlatStrings.Builder(sizes.length, LOCATION_CHARS_GUESS);
        for (int before = 0; before < count; before++) {
          locations.add("");
        }
      }
      locations.add(location == null ? "" : location);
    }

    /**
     * The index of the entries added, which then owns the builder's arrays.
     *
     * @throws DuplicateFileException if two entries have the same name
     * @throws IllegalStateException if the index was built already
     */
    public NameIndex<T> build() {
      requireNotBuilt();
      built = true;
      if (worthTrimming(sizes.length, count)) {
        hashes = Arrays.copyOf(hashes, count);
        facts = Arrays.copyOf(facts, count * FACTS);
        sizes = Arrays.copyOf(sizes, count);
        kept = kept == null ? null : Arrays.copyOf(kept, count);
      }
      return new NameIndex<>(this);
    }

    private void requireNotBuilt() {
      if (built) {
        throw new IllegalStateException("The index was built: a builder builds one");
      }
    }
  }

  /**
   * Tells whether a column with room for {@code room} values and {@code used} of them is trimmed.
   */
  static boolean worthTrimming(int room, int used) {
    return room - used > room / SLACK;
  }

  /** A builder of an index of entries of {@code shape}. */
  public static <T> Builder<T> builder(Shape<T> shape) {
    return new Builder<>(shape, 16, NameHash.KEYED);
  }

  /**
   * An index of {@code entries} in their order.
   *
   * @throws DuplicateFileException if two entries have the same name
   */
  public static <T> NameIndex<T> of(Collection<T> entries, Shape<T> shape) {
    Builder<T> builder = new Builder<>(shape, entries.size(), NameHash.KEYED);
    entries.forEach(builder::add);
    return builder.build();
  }

  /** What the index keeps of its entries: for tests that make an index of another shape. */
  Shape<T> shape() {
    return shape;
  }

  /** This index again, hashing names with {@code hash}: for tests that need names to collide. */
  NameIndex<T> hashedWith(NameHash other) {
    Builder<T> builder = new Builder<>(shape, size, other);
    values().forEach(builder::add);
    return builder.build();
  }

  /**
   * {@code map} as an index, in its iteration order; an index of the same shape is returned as it
   * is.
   *
   * @throws IllegalArgumentException if a key differs from its entry's name
   */
  public static <T> NameIndex<T> copyOf(Map<String, T> map, Shape<T> shape) {
    if (map instanceof NameIndex<T> index && index.shape == shape) {
      return index;
    }
    Builder<T> builder = new Builder<>(shape, map.size(), NameHash.KEYED);
    for (Map.Entry<String, T> entry : map.entrySet()) {
      String name = shape.name(entry.getValue());
      if (!entry.getKey().equals(name)) {
        throw new IllegalArgumentException("Key " + entry.getKey() + " holds entry " + name);
      }
      builder.add(entry.getValue());
    }
    return builder.build();
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
      if ((int) (held >>> 32) == nameHash && names.equal((int) held - 1, name)) {
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
        int at = inStep && next < size && hashes[next] == nameHash ? next : candidate(nameHash);
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
        if (at >= 0 && FlatStrings.spanLength(facts[at * FACTS + NAME]) != other.names.length(i)) {
          found[i] = indexOf(other.nameAt(i), other.hashes[i]);
        }
      }
      for (int i = from; i < to; i++) {
        int at = found[i];
        if (at >= 0 && !names.equal(facts[at * FACTS + NAME], other.names, i)) {
          found[i] = indexOf(other.nameAt(i), other.hashes[i]);
        }
      }
      batches.found(found, from, to);
    }
    return found;
  }

  /** The name of the entry at {@code position}, made anew on every call. */
  public String nameAt(int position) {
    return names.get(position);
  }

  /** Tells whether the entry at {@code position} is {@link Shape#plain}. */
  public boolean isPlainAt(int position) {
    return kept == null || kept[position] == null;
  }

  /**
   * The entry at {@code position}, in the order given: made anew from the columns on every call
   * unless it is one that is kept.
   */
  @SuppressWarnings("unchecked") // every kept element was put in as a T
  public T at(int position) {
    Objects.checkIndex(position, size);
    if (!isPlainAt(position)) {
      return (T) kept[position];
    }
    Sha256 digest = null;
    if (hasDigestAt(position)) {
      int at = position * FACTS + DIGEST;
      digest = Sha256.of(facts[at], facts[at + 1], facts[at + 2], facts[at + 3]);
    }
    return shape.make(
        nameAt(position),
        versionAt(position),
        digest,
        sizes[position],
        locations == null ? null : locations.get(position));
  }

  /**
   * The entry at {@code position}, made on the first call of this method for it and the same object
   * on every later one: for what many readers hold at once, as the plan and report of every client
   * of a fleet hold the catalog's entries, which would otherwise each hold their own name and
   * version strings. Only the entries read so are kept, about 300 bytes each for a catalog's (the
   * entry, its digest, and its name, version and location strings): one read of every file, as an
   * update of a client reads its whole plan, keeps them all, some 300 MB for a million files, for
   * as long as the index lives.
   */
  public T sharedAt(int position) {
    Objects.checkIndex(position, size);
    if (!isPlainAt(position)) {
      return at(position);
    }
    AtomicReferenceArray<T> made = shared;
    if (made == null) {
      made = sharedEntries();
    }
    T entry = made.get(position);
    if (entry == null) {
      // Two threads may each make it; the first one stored is the one every caller gets.
      T fresh = at(position);
      T stored = made.compareAndExchange(position, null, fresh);
      entry = stored == null ? fresh : stored;
    }
    return entry;
  }

  private AtomicReferenceArray<T> sharedEntries() {
    // A lock of its own: the index is a public map, which callers may lock themselves.
    synchronized (sharing) {
      if (shared == null) {
        shared = new AtomicReferenceArray<>(size);
      }
      return shared;
    }
  }

  /** The version of the entry at {@code position}, made anew on every call. */
  public String versionAt(int position) {
    return versions.get(position);
  }

  /**
   * Every version, by position, laid end to end: what a plan keeps of a client's list, rather than
   * the list or a {@code String} per file.
   */
  public FlatStrings versions() {
    return versions;
  }

  /**
   * Tells whether the version at {@code position} here and the one at {@code otherPosition} in
   * {@code other} are the same string.
   */
  public boolean sameVersion(int position, NameIndex<?> other, int otherPosition) {
    return versions.equal(position, other.versions, otherPosition);
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
    return size;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super T> action) {
    for (int i = 0; i < size; i++) {
      T entry = at(i);
      action.accept(shape.name(entry), entry);
    }
  }

  @Override
  public Collection<T> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<T> iterator() {
        return new InOrder<>(size, NameIndex.this::at);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Set<Map.Entry<String, T>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, T>> iterator() {
        return new InOrder<>(
            size,
            i -> {
              T entry = at(i);
              return Map.entry(shape.name(entry), entry);
            });
      }

      @Override
      public int size() {
        return size;
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
