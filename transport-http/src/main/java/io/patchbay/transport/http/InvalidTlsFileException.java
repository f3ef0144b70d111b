package io.patchbay.transport.http;

import io.patchbay.PatchbayException;
import java.nio.file.Path;

/**
 * A PEM file for TLS (a certificate chain, a private key or the trusted CA certificates) that
 * cannot be read, holds nothing usable, or does not match the others.
 */
public final class InvalidTlsFileException extends PatchbayException {

  private final Path file;

  /** Creates the error for {@code file}, saying what is wrong with it. */
  public InvalidTlsFileException(Path file, String problem) {
    super("TLS file " + file + ": " + problem);
    this.file = file;
  }

  /** Creates the error for {@code file}, with the lower-level cause. */
  public InvalidTlsFileException(Path file, String problem, Throwable cause) {
    super("TLS file " + file + ": " + problem, cause);
    this.file = file;
  }

  /** The file. */
  public Path file() {
    return file;
  }
}
