package io.patchbay.version;

/**
 * Orders the version identifiers of one scheme, so the planner can tell whether the head end's
 * version of a file is newer than the client's.
 *
 * <p>Implementations are stateless and thread-safe. They throw rather than guess: a string that is
 * not valid in the scheme is an {@link InvalidVersionException}, never "equal".
 */
public interface VersionComparator {

  /** The scheme's name as catalogs write it, such as {@code semver}; lower case. */
  String scheme();

  /**
   * Compares two version identifiers of this scheme.
   *
   * @return a negative number if {@code a} is older than {@code b}, zero if they have the same
   *     precedence, a positive number if {@code a} is newer
   * @throws InvalidVersionException if either identifier is not valid in this scheme
   */
  int compare(String a, String b);

  /**
   * Checks that {@code version} is valid in this scheme.
   *
   * @throws InvalidVersionException if it is not
   */
  void validate(String version);

  /**
   * Semantic Versioning 2.0.0 with full precedence: pre-release identifiers compared field by
   * field, build metadata ignored.
   */
  static VersionComparator semver() {
    return SemVerComparator.INSTANCE;
  }

  /**
   * Debian policy versions, {@code [epoch:]upstream[-revision]}, with {@code ~} sorting before
   * anything, even the end of the string.
   */
  static VersionComparator debian() {
    return DebianVersionComparator.INSTANCE;
  }

  /**
   * The natural scheme for vendor firmware strings such as {@code 2.10.3-b457}, {@code 20231105.1}
   * or {@code V3R2C10}: ASCII letters, digits and {@code . - _ +}. Versions compare run by run,
   * numbers by value, words alphabetically ignoring case, a word before a number; when one version
   * is a prefix of the other, it is the older ({@code 1.0 < 1.0.0}, {@code 1.0 < 1.0-rc1}).
   */
  static VersionComparator natural() {
    return NaturalVersionComparator.INSTANCE;
  }
}
