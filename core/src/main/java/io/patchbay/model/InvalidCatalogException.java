package io.patchbay.model;

import io.patchbay.PatchbayException;
import java.util.List;

/**
 * Thrown when a catalog breaks the rules a gateway checks across all its entries, such as versions
 * that are not valid in their scheme. Lists every problem found, so whoever publishes the catalog
 * can fix them all at once instead of one per attempt.
 *
 * <p>The message lists the first {@value #MAX_LISTED} problems and counts the rest; {@link
 * #problems()} holds them all, and the first is the {@linkplain #getCause() cause}.
 */
public final class InvalidCatalogException extends PatchbayException {

  /** How many problems the message lists before it only counts the rest. */
  public static final int MAX_LISTED = 20;

  private final String source;
  private final List<PatchbayException> problems;

  /**
   * Creates the error.
   *
   * @param source the catalog's URL or file, or {@code null} where it is not known
   * @param problems what is wrong, at least one, in catalog order
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public InvalidCatalogException(String source, List<? extends PatchbayException> problems) {
    super(message(source, problems), problems.isEmpty() ? null : problems.get(0));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("An invalid catalog has at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The catalog's URL or file, or {@code null} if not known. */
  public String source() {
    return source;
  }

  /** Every problem found, in catalog order. */
  public List<PatchbayException> problems() {
    return problems;
  }

  /**
   * How the message names this catalog and counts its problems, such as {@code Catalog x has 3
   * problems}.
   */
  public String summary() {
    return summary(source, problems.size());
  }

  private static String summary(String source, int count) {
    return (source == null ? "The catalog" : "Catalog " + source)
        + " has "
        + count
        + (count == 1 ? " problem" : " problems");
  }

  private static String message(String source, List<? extends PatchbayException> problems) {
    StringBuilder message = new StringBuilder(summary(source, problems.size())).append(": ");
    for (int i = 0; i < Math.min(problems.size(), MAX_LISTED); i++) {
      message.append(i == 0 ? "" : "; ").append(problems.get(i).getMessage());
    }
    if (problems.size() > MAX_LISTED) {
      message.append("; and ").append(problems.size() - MAX_LISTED).append(" more");
    }
    return message.toString();
  }
}
