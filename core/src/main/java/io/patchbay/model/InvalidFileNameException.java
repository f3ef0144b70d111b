package io.patchbay.model;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/** Thrown when a file name is not a safe logical path; says which rule the name broke. */
public final class InvalidFileNameException extends PatchbayException {

  private final String name;
  private final String rule;

  /** Creates the error for {@code name} (may be {@code null}) breaking {@code rule}. */
  public InvalidFileNameException(String name, String rule) {
    super("Invalid file name " + Untrusted.quote(name) + ": " + rule);
    this.name = name;
    this.rule = rule;
  }

  /** The offending name exactly as received; may contain control characters or be null. */
  public String name() {
    return name;
  }

  /** The rule the name broke, in words. */
  public String rule() {
    return rule;
  }
}
