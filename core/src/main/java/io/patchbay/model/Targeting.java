package io.patchbay.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which clients a catalog entry applies to, by client attributes: for every attribute named here,
 * the client's value must be one of the listed values. An empty targeting applies to every client.
 *
 * <p>Example: {@code {"model": ["STB-100", "STB-200"], "hardwareRevision": ["B"]}}.
 *
 * @param requirements allowed values by attribute name; every set is non-empty
 */
public record Targeting(Map<String, Set<String>> requirements) {

  /** Applies to every client. */
  public static final Targeting ANY = new Targeting(Map.of());

  /**
   * Copies and checks the requirements.
   *
   * @throws IllegalArgumentException if an attribute allows no value at all
   */
  public Targeting {
    Map<String, Set<String>> copy = new HashMap<>();
    requirements.forEach(
        (attribute, values) -> {
          if (values.isEmpty()) {
            throw new IllegalArgumentException(
                "Targeting attribute " + attribute + " allows no value");
          }
          copy.put(attribute, Set.copyOf(values));
        });
    requirements = Map.copyOf(copy);
  }

  /** Tells whether a client with these attributes is targeted. */
  public boolean appliesTo(Map<String, String> clientAttributes) {
    for (Map.Entry<String, Set<String>> requirement : requirements.entrySet()) {
      String value = clientAttributes.get(requirement.getKey());
      if (value == null || !requirement.getValue().contains(value)) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether this targeting applies to every client. */
  public boolean isAny() {
    return requirements.isEmpty();
  }
}
