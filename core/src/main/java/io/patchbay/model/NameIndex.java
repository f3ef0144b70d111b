package io.patchbay.model;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The immutable, ordered name-to-entry map of manifests and catalogs, with positions: entry {@code
 * i} is the {@code i}-th in the order given, and {@link #indexOf} finds a name's position.
 *
 * <p>Built for millions of entries: the entries sit in one array in their order, and an
 * open-addressing table of positions, with each name's hash beside it, finds a name with one {@code
 * equals} in the common case. Less memory and fewer pointer hops than a {@code LinkedHashMap},
 * whose every entry is a node of its own.
 */
final class NameIndex<T> extends AbstractMap<String, T> {

  private static final NameIndex<?> EMPTY = new NameIndex<>(new String[0], new Object[0]);

  private final String[] names;
  private final Object[] entries;

  /** Position + 1 of the entry in each slot; 0 marks an empty slot. */
  private final int[] slots;

  /** The spread hash of the name in each slot, compared before the name itself. */
  private final int[] slotHashes;

  private final int mask;

  private NameIndex(String[] names, Object[] entries) {
    this.names = names;
    this.entries = entries;
    // At most half full, so linear probing stays short.
    int capacity = Integer.highestOneBit(Math.max(2, names.length * 2 - 1)) << 1;
    this.slots = new int[capacity];
    this.slotHashes = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < names.length; i++) {
      int hash = spread(names[i]);
      int slot = hash & mask;
      while (slots[slot] != 0) {
        if (slotHashes[slot] == hash && names[slots[slot] - 1].equals(names[i])) {
          throw new DuplicateFileException(names[i], i);
        }
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
      slotHashes[slot] = hash;
    }
  }

  /**
   * An index of {@code entries} in their order, each under {@code nameOf} it.
   *
   * @throws DuplicateFileException if two entries have the same name
   */
  static <T> NameIndex<T> of(Collection<T> entries, Function<T, String> nameOf) {
    String[] names = new String[entries.size()];
    Object[] values = new Object[entries.size()];
    int i = 0;
    for (T entry : entries) {
      names[i] = nameOf.apply(entry);
      values[i++] = entry;
    }
    return new NameIndex<>(names, values);
  }

  /**
   * {@code map} as an index, in its iteration order; an index is returned as it is.
   *
   * @throws IllegalArgumentException if a key differs from its entry's name
   */
  static <T> NameIndex<T> copyOf(Map<String, T> map, Function<T, String> nameOf) {
    if (map instanceof NameIndex<T> index) {
      return index;
    }
    if (map.isEmpty()) {
      @SuppressWarnings("unchecked") // holds no entry of any type
      NameIndex<T> empty = (NameIndex<T>) EMPTY;
      return empty;
    }
    String[] names = new String[map.size()];
    Object[] values = new Object[map.size()];
    int i = 0;
    for (Map.Entry<String, T> entry : map.entrySet()) {
      String name = nameOf.apply(entry.getValue());
      if (!entry.getKey().equals(name)) {
        throw new IllegalArgumentException("Key " + entry.getKey() + " holds entry " + name);
      }
      names[i] = name;
      values[i++] = entry.getValue();
    }
    return new NameIndex<>(names, values);
  }

  /** The position of the entry named {@code name}, or -1 if there is none. */
  int indexOf(Object name) {
    if (!(name instanceof String key)) {
      return -1;
    }
    int hash = spread(key);
    for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      if (slotHashes[slot] == hash && names[slots[slot] - 1].equals(key)) {
        return slots[slot] - 1;
      }
    }
    return -1;
  }

  /** The entry at {@code index}, in the order given. */
  @SuppressWarnings("unchecked") // every element was put in as a T
  T at(int index) {
    return (T) entries[index];
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

  /** A hash with the high bits folded in, as the table uses only the low ones. */
  private static int spread(String name) {
    int hash = name.hashCode();
    return hash ^ (hash >>> 16);
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
