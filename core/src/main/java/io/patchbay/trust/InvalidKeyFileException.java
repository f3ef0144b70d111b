package io.patchbay.trust;

import io.patchbay.PatchbayException;
import java.nio.file.Path;

/** A key file that does not hold the Ed25519 key it should. */
public final class InvalidKeyFileException extends PatchbayException {

  private final Path file;

  /** Creates the error for {@code file}, saying what is wrong with it. */
  public InvalidKeyFileException(Path file, String problem) {
    super("Key file " + file + ": " + problem);
    this.file = file;
  }

  /** The file. */
  public Path file() {
    return file;
  }
}
