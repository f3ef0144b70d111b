package io.patchbay.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Builds the immutable, insertion-ordered name-to-entry maps of manifests and catalogs. */
final class ByName {

  private ByName() {}

  /** An unmodifiable ordered copy; every key must be its entry's name. */
  static <T> Map<String, T> copy(Map<String, T> entries, Function<T, String> nameOf) {
    Map<String, T> copy = new LinkedHashMap<>(capacityFor(entries.size()));
    entries.forEach(
        (name, entry) -> {
          if (!name.equals(nameOf.apply(entry))) {
            throw new IllegalArgumentException("Key " + name + " holds entry " + nameOf.apply(entry));
          }
          copy.put(name, entry);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** An ordered map of {@code entries} by name; a name seen twice is a {@link DuplicateFileException}. */
  static <T> Map<String, T> index(Collection<T> entries, Function<T, String> nameOf) {
    Map<String, T> byName = new LinkedHashMap<>(capacityFor(entries.size()));
    for (T entry : entries) {
      if (byName.putIfAbsent(nameOf.apply(entry), entry) != null) {
        throw new DuplicateFileException(nameOf.apply(entry));
      }
    }
    return byName;
  }

  private static int capacityFor(int entries) {
    return (int) Math.min(Integer.MAX_VALUE, (long) (entries / 0.75f) + 1);
  }
}
