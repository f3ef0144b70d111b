package io.patchbay.version;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The version schemes a gateway understands, by the names catalogs use for them.
 *
 * <p>Immutable and thread-safe; {@link #with(VersionComparator)} returns a new registry.
 */
public final class VersionSchemes {

  /** The scheme a catalog uses when it names none. */
  public static final String DEFAULT_SCHEME = "semver";

  private static final VersionSchemes DEFAULTS =
      of(VersionComparator.semver(), VersionComparator.debian(), VersionComparator.natural());

  private final Map<String, VersionComparator> byName;

  private VersionSchemes(Map<String, VersionComparator> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** The built-in schemes: {@code semver}, {@code debian} and {@code natural}. */
  public static VersionSchemes defaults() {
    return DEFAULTS;
  }

  /** A registry of exactly these comparators; a later one replaces an earlier of the same name. */
  public static VersionSchemes of(VersionComparator... comparators) {
    Map<String, VersionComparator> byName = new LinkedHashMap<>();
    for (VersionComparator comparator : comparators) {
      byName.put(comparator.scheme(), comparator);
    }
    return new VersionSchemes(byName);
  }

  /** This registry plus {@code comparator}, replacing any scheme of the same name. */
  public VersionSchemes with(VersionComparator comparator) {
    Map<String, VersionComparator> byName = new LinkedHashMap<>(this.byName);
    byName.put(comparator.scheme(), comparator);
    return new VersionSchemes(byName);
  }

  /**
   * The comparator for {@code scheme}.
   *
   * @throws UnknownVersionSchemeException listing the known schemes if there is none
   */
  public VersionComparator get(String scheme) {
    VersionComparator comparator = byName.get(scheme);
    if (comparator == null) {
      throw new UnknownVersionSchemeException(scheme, byName.keySet());
    }
    return comparator;
  }

  /** The names of the registered schemes, in registration order. */
  public Set<String> names() {
    return byName.keySet();
  }
}
