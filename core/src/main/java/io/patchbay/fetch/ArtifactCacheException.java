package io.patchbay.fetch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when the gateway's artifact cache cannot be used: its directory is unusable, full, or open
 * to other users.
 */
public final class ArtifactCacheException extends IOException {

  /** What is wrong with the cache directory. */
  public enum Reason {
    /** It cannot be created or written. */
    UNWRITABLE,
    /** Its file system has no room left. */
    FULL,
    /**
     * Another user could change what it holds: it, or a directory in it, belongs to another user or
     * is a symbolic link.
     */
    UNSAFE
  }

  private final Path directory;
  private final Reason reason;

  /** Creates the error for {@code directory}, wrapping the file system's own error. */
  public ArtifactCacheException(Path directory, Reason reason, IOException cause) {
    super(
        "Artifact cache "
            + directory
            + " is "
            + (reason == Reason.FULL ? "full" : "not writable")
            + ": "
            + cause.getMessage(),
        cause);
    this.directory = directory;
    this.reason = reason;
  }

  /** Creates an {@link Reason#UNSAFE} error for {@code directory}, saying {@code why}. */
  public ArtifactCacheException(Path directory, String why) {
    super("Artifact cache " + directory + " is unsafe to use: " + why);
    this.directory = directory;
    this.reason = Reason.UNSAFE;
  }

  /** The cache directory. */
  public Path directory() {
    return directory;
  }

  /** What is wrong with it. */
  public Reason reason() {
    return reason;
  }
}
