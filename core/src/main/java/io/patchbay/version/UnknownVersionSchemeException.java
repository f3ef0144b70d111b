package io.patchbay.version;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;
import java.util.Set;
import java.util.TreeSet;

/** Thrown when a catalog names a version scheme that no registered comparator implements. */
public final class UnknownVersionSchemeException extends PatchbayException {

  private final String scheme;
  private final Set<String> known;

  /** Creates the error for {@code scheme}, listing the {@code known} schemes. */
  public UnknownVersionSchemeException(String scheme, Set<String> known) {
    super(
        "Unknown version scheme "
            + Untrusted.quote(scheme)
            + "; known schemes: "
            + new TreeSet<>(known));
    this.scheme = scheme;
    this.known = Set.copyOf(known);
  }

  /** The scheme that was asked for. */
  public String scheme() {
    return scheme;
  }

  /** The schemes that are registered. */
  public Set<String> known() {
    return known;
  }
}
