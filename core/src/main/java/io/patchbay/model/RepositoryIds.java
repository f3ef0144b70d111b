package io.patchbay.model;

import java.util.regex.Pattern;

/**
 * The rule for repository ids, which name what a head end publishes for (say {@code acme-prod-eu})
 * and bind signed statements to it: 1 to 128 ASCII letters, digits, dots, underscores and hyphens,
 * starting with a letter or digit. Safe as a file name.
 */
public final class RepositoryIds {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private RepositoryIds() {}

  /**
   * Returns {@code id} if it is a valid repository id.
   *
   * @throws IllegalArgumentException if it is not, saying why
   */
  public static String requireValid(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "A repository id is 1 to 128 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit, not "
              + (id == null ? "null" : '"' + id + '"'));
    }
    return id;
  }
}
