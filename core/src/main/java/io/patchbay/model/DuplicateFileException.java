package io.patchbay.model;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/** Thrown when a manifest or catalog lists the same file name twice. */
public final class DuplicateFileException extends PatchbayException {

  private final String name;
  private final int index;

  /** Creates the error for the repeated {@code name}, its position unknown. */
  public DuplicateFileException(String name) {
    this(name, -1);
  }

  /** Creates the error for {@code name}, repeated by the entry at {@code index}. */
  public DuplicateFileException(String name, int index) {
    super("File " + Untrusted.quote(name) + " is listed more than once");
    this.name = name;
    this.index = index;
  }

  /** The name that appeared twice. */
  public String name() {
    return name;
  }

  /**
   * The position, in the order the entries were given, of the second entry with the name; -1 if not
   * known.
   */
  public int index() {
    return index;
  }
}
