package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import io.patchbay.model.Client;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One client of a {@link ClientDirectory}, with the group whose maintenance window applies to it.
 *
 * @param client the client
 * @param group a name such as {@code living-rooms}: letters, digits, {@code .}, {@code _} and
 *     {@code -}, at most 64 characters, starting with a letter or digit
 */
public record DirectoryEntry(Client client, String group) {

  /** The group of a client that names none. */
  public static final String DEFAULT_GROUP = "default";

  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Validates the entry.
   *
   * @throws IllegalArgumentException if the group name breaks the rule above
   */
  public DirectoryEntry {
    Objects.requireNonNull(client, "client");
    if (group == null || !GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException(
          "Group must be 1 to 64 letters, digits, '.', '_' or '-': " + Untrusted.quote(group));
    }
  }

  /** An entry in the {@link #DEFAULT_GROUP}. */
  public static DirectoryEntry of(Client client) {
    return new DirectoryEntry(client, DEFAULT_GROUP);
  }

  /** The client's id. */
  public String id() {
    return client.id();
  }
}
