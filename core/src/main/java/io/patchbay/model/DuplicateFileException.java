package io.patchbay.model;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/** Thrown when a manifest or catalog lists the same file name twice. */
public final class DuplicateFileException extends PatchbayException {

  private final String name;

  /** Creates the error for the repeated {@code name}. */
  public DuplicateFileException(String name) {
    super("File " + Untrusted.quote(name) + " is listed more than once");
    this.name = name;
  }

  /** The name that appeared twice. */
  public String name() {
    return name;
  }
}
