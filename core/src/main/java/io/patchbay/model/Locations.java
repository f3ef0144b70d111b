package io.patchbay.model;

import java.net.URI;

/**
 * Checks an artifact's location, a URI reference, as a catalog entry receives it: most are plain
 * relative paths such as {@code artifacts/player-2.0.0.bin}, which a scan of their characters
 * proves valid without parsing them; anything else is parsed with {@link URI#create}.
 */
final class Locations {

  /**
   * The characters {@link URI} accepts anywhere in a path (RFC 2396's unreserved and path
   * characters), by code, but for {@code :}, which in a first segment would start a scheme, and
   * {@code %}, which must start a valid escape.
   */
  private static final boolean[] PATH = new boolean[0x80];

  static {
    for (char c = '0'; c <= '9'; c++) {
      PATH[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      PATH[c] = true;
      PATH[Character.toUpperCase(c)] = true;
    }
    for (char c : "-_.!~*'();/@&=+$,".toCharArray()) {
      PATH[c] = true;
    }
  }

  private Locations() {}

  /**
   * Tells whether {@code text} is a non-empty relative reference of path characters only, which
   * {@link URI#create} accepts as a path and nothing else. {@code false} says only that {@link
   * #parse} must decide.
   */
  static boolean isPlainPath(String text) {
    // Two slashes would start an authority, parsed with the host rules.
    if (text.isEmpty() || text.startsWith("//")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= PATH.length || !PATH[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code text} as a URI.
   *
   * @throws IllegalArgumentException if it is empty, which would resolve to the catalog itself, or
   *     not a URI reference
   */
  static URI parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("Empty location");
    }
    return URI.create(text);
  }
}
