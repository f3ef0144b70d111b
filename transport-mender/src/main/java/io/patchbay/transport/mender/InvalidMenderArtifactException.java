package io.patchbay.transport.mender;

import io.patchbay.PatchbayException;
import io.patchbay.internal.Untrusted;

/**
 * Thrown when a catalog entry's {@code .mender} artifact cannot be offered as it is: not a Mender
 * artifact of format version 3, a header this transport cannot read, or one that does not provide
 * the entry's version, so the update could never be confirmed. No device is offered it.
 */
public final class InvalidMenderArtifactException extends PatchbayException {

  private final String fileName;

  /** Creates the error for the artifact of {@code fileName}, which broke {@code rule}. */
  public InvalidMenderArtifactException(String fileName, String rule) {
    super("The Mender artifact of " + Untrusted.quote(fileName) + " cannot be offered: " + rule);
    this.fileName = fileName;
  }

  /** The catalog entry's name. */
  public String fileName() {
    return fileName;
  }
}
